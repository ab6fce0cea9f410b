import { describe, expect, it } from "vitest";
import { DispatchLoop } from "./dispatch-loop.ts";
import { createLogger } from "../../lib/logger.ts";
import { eventually } from "../../../tests/helpers/eventually.ts";

const silent = createLogger("silent");

describe("DispatchLoop", () => {
  it("runs at start, again at once while batches are full, then waits for the interval or a kick", async () => {
    const full = [true, true, false];
    let ticks = 0;
    const loop = new DispatchLoop("test", async () => (ticks++, full.shift() ?? false), 60_000, silent);
    loop.start();
    await eventually(() => expect(ticks).toBe(3));
    await new Promise((r) => setTimeout(r, 50));
    expect(ticks).toBe(3);
    loop.kick();
    await eventually(() => expect(ticks).toBe(4));
    await loop.stop();
    loop.kick();
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(4);
  });

  it("never runs two ticks at once; a kick during a tick runs one more after it", async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    let release: () => void = () => {};
    const loop = new DispatchLoop(
      "test",
      async () => {
        ticks++;
        most = Math.max(most, ++running);
        if (ticks === 1) await new Promise<void>((r) => (release = r));
        running--;
        return false;
      },
      60_000,
      silent,
    );
    loop.start();
    await eventually(() => expect(ticks).toBe(1));
    loop.kick();
    loop.kick();
    release();
    await eventually(() => expect(ticks).toBe(2));
    await new Promise((r) => setTimeout(r, 30));
    expect([ticks, most]).toEqual([2, 1]);
    await loop.stop();
  });

  it("stops without waiting past the grace period for a stuck tick", async () => {
    const loop = new DispatchLoop("test", () => new Promise<boolean>(() => {}), 60_000, silent);
    loop.start();
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await loop.stop(100);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("keeps going after a tick throws", async () => {
    let ticks = 0;
    const loop = new DispatchLoop("test", async () => {
      ticks++;
      if (ticks === 1) throw new Error("database away");
      return false;
    }, 10, silent);
    loop.start();
    await eventually(() => expect(ticks).toBeGreaterThanOrEqual(2));
    await loop.stop();
  });
});
