/**
 * A socket lives only as long as the sign-in it was opened with: signing in again (which
 * replaces the session), signing out, and a session that expires or is removed all end it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, connected, disconnected, startTestServer, TEST_PASSWORD, type ClientSocket, type TestServer } from "../helpers/kit.ts";

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ realtime: { sessionCheckMs: 200 } });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

async function openJoined(user: { connect(): ClientSocket }, documentId: string) {
  const s = user.connect();
  sockets.push(s);
  await connected(s);
  const ack = await s.timeout(5000).emitWithAck("document:join", { documentId });
  expect(ack.ok).toBe(true);
  return s;
}

describe("sockets end with their session", () => {
  it("signing in again ends the sockets of the replaced session; signing out ends the new ones", async () => {
    const doc = await buildWorld(server, { members: { Ana: "analyst" } });
    const ana = doc.users.Ana;
    const old = await openJoined(ana, doc.documentId);

    // Same browser, same cookie jar: sign in again. The session id is replaced.
    const before = ana.cookie;
    ana.csrf = (await ana.ok<{ csrfToken: string }>("POST", "/api/auth/login", { email: ana.email, password: TEST_PASSWORD })).csrfToken;
    expect(ana.cookie).not.toBe(before);
    expect(await disconnected(old, 2000)).toBe(true);

    const current = await openJoined(ana, doc.documentId);
    await ana.ok("POST", "/api/auth/logout");
    expect(await disconnected(current, 2000)).toBe(true);

    // Neither can write any more: a reconnect with the old cookie is refused at the handshake.
    const again = ana.connect({ cookie: before });
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow();
  });

  it("a session that is removed or expires ends its sockets at the next check", async () => {
    const doc = await buildWorld(server, { members: { Ben: "analyst" } });
    const ben = doc.users.Ben;
    const s = await openJoined(ben, doc.documentId);
    const sid = decodeURIComponent(ben.cookie.split("=")[1]!).replace(/^s:/, "").split(".")[0]!;
    await server.db.session.update({ where: { sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await disconnected(s, 3000)).toBe(true);
  });
});
