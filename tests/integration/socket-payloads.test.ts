/**
 * Socket events whose payload is not an object (null, nothing, a string, an array, a number):
 * every event answers through its ack with a 400 naming `payload`, the socket protocol's name for
 * the event's argument, never a 500 and never silence; without an ack the socket keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, connected, startTestServer, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import { MUTATION_NAMES, type AckResult } from "../../common/realtime.ts";

let server: TestServer;
let world: World<HttpClient, "Eve">;
const sockets = socketsClosedAfterEach();

const EVENTS = ["document:join", "document:leave", "document:sync", "presence:selection", "presence:typing", "workspace:join", "workspace:leave", "workspace:sync", ...MUTATION_NAMES];

const BAD_PAYLOADS: Array<[string, unknown[]]> = [
  ["null", [null]],
  ["undefined", [undefined]],
  ["no payload", []],
  ["a string", ["documentId"]],
  ["an array", [[{ documentId: "d" }]]],
  ["a number", [42]],
  ["a boolean", [true]],
];

beforeAll(async () => {
  server = await startTestServer({ realtime: { burst: 1000, perSecond: 1000 } });
  world = await buildWorld(server, { members: { Eve: "editor" } });
});
afterAll(async () => {
  await server?.stop();
});

async function open(): Promise<ClientSocket> {
  const socket = world.users.Eve.connect();
  sockets.push(socket);
  await connected(socket);
  return socket;
}

/** Sends `event` with `args` and an ack; resolves with what the ack received. */
function send(socket: ClientSocket, event: string, args: unknown[]): Promise<AckResult<unknown>> {
  const raw = socket.timeout(5000) as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<AckResult<unknown>> };
  return raw.emitWithAck(event, ...args);
}

describe("socket payloads that are not objects", () => {
  it("every event answers each with a 400 naming `payload`", async () => {
    const socket = await open();
    const wrong: string[] = [];
    for (const event of EVENTS) {
      for (const [label, args] of BAD_PAYLOADS) {
        const ack = await send(socket, event, args);
        const error = ack.ok ? null : ack.error;
        if (!error || error.status !== 400 || error.code !== "validation_failed" || error.field !== "payload" || !error.message.startsWith("payload: ")) {
          wrong.push(`${event} with ${label}: ${JSON.stringify(ack)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a mutation's field inside the payload is named as it is, without a prefix", async () => {
    const socket = await open();
    const ack = await send(socket, "tag:create", [{ workspaceId: world.workspaceId, name: 7 }]);
    expect(ack).toMatchObject({ ok: false, error: { status: 400, field: "name" } });
  });

  it("events sent without an ack, with any payload, leave the socket working", async () => {
    const socket = await open();
    for (const event of EVENTS) for (const [, args] of BAD_PAYLOADS) socket.emit(event as "document:leave", ...(args as [{ documentId: string }]));
    const ack = await send(socket, "document:join", [{ documentId: world.documentId, lastSeq: 0 }]);
    expect(ack.ok).toBe(true);
    expect(socket.connected).toBe(true);
  });
});
