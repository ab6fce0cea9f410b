/**
 * A socket lives only as long as the sign-in it was opened with: signing in again (which
 * replaces the session), signing out, and a session that expires or is removed all end it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, setUpDocument, startTestServer, type ClientSocket, type TestServer } from "../helpers/test-server.ts";
import { TEST_PASSWORD } from "../helpers/users.ts";

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ realtime: { sessionCheckMs: 200 } });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

const disconnectedWithin = (s: ClientSocket, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (!s.connected) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    s.once("disconnect", () => {
      clearTimeout(timer);
      resolve(true);
    });
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
    const doc = await setUpDocument(server.url, { Ana: "analyst" });
    const ana = doc.users.Ana!;
    const old = await openJoined(ana, doc.documentId);

    // Same browser, same cookie jar: sign in again. The session id is replaced.
    const before = ana.cookie;
    ana.csrf = (await ana.ok<{ csrfToken: string }>("POST", "/api/auth/login", { email: ana.email, password: TEST_PASSWORD })).csrfToken;
    expect(ana.cookie).not.toBe(before);
    expect(await disconnectedWithin(old, 2000)).toBe(true);

    const current = await openJoined(ana, doc.documentId);
    await ana.ok("POST", "/api/auth/logout");
    expect(await disconnectedWithin(current, 2000)).toBe(true);

    // Neither can write any more: a reconnect with the old cookie is refused at the handshake.
    const again = ana.connect({ cookie: before });
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow();
  });

  it("a session that is removed or expires ends its sockets at the next check", async () => {
    const doc = await setUpDocument(server.url, { Ben: "analyst" });
    const ben = doc.users.Ben!;
    const s = await openJoined(ben, doc.documentId);
    const sid = decodeURIComponent(ben.cookie.split("=")[1]!).replace(/^s:/, "").split(".")[0]!;
    await server.db.session.update({ where: { sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await disconnectedWithin(s, 3000)).toBe(true);
  });
});
