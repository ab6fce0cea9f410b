/** Socket bookkeeping for test files (kept out of kit.ts: the benchmarks use the kit without a test runner). */
import { afterEach } from "vitest";
import type { ClientSocket } from "./sockets.ts";

/** The sockets a test file opens: push each one here and it is disconnected after the test that opened it. */
export function socketsClosedAfterEach(): ClientSocket[] {
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    while (sockets.length) sockets.pop()!.disconnect();
  });
  return sockets;
}
