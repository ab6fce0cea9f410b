import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { buildTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

function sessionCookie(res: request.Response): string | undefined {
  const raw = res.headers["set-cookie"] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith("scholia.sid="));
}

describe("register", () => {
  it("creates an account, signs it in and hashes the password with argon2id", async () => {
    const email = uniqueEmail();
    const res = await request(t.app).post("/api/auth/register").send({ email, password: TEST_PASSWORD, displayName: "Ada" });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, displayName: "Ada" });
    expect(typeof res.body.csrfToken).toBe("string");
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const row = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("normalises the e-mail's case and refuses a second account for it", async () => {
    const email = uniqueEmail();
    await request(t.app).post("/api/auth/register").send({ email: email.toUpperCase(), password: TEST_PASSWORD, displayName: "A" }).expect(201);
    const dup = await request(t.app).post("/api/auth/register").send({ email, password: TEST_PASSWORD, displayName: "B" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("conflict");
  });

  it.each([
    [{ email: "not-an-email", password: TEST_PASSWORD, displayName: "x" }, "email"],
    [{ email: "a@b.org", password: "short", displayName: "x" }, "password"],
    [{ email: "a@b.org", password: "123456789", displayName: "x" }, "password"],
    [{ email: "a@b.org", password: TEST_PASSWORD, displayName: "" }, "displayName"],
    [{ email: "a@b.org", password: TEST_PASSWORD }, "displayName"],
    [{ email: 42, password: TEST_PASSWORD, displayName: "x" }, "email"],
  ])("rejects %j naming the field %s", async (body, field) => {
    const res = await request(t.app).post("/api/auth/register").send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(field);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await request(t.app).post("/api/auth/register").set("content-type", "application/json").send("{not json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("refuses bodies over the size limit with 413", async () => {
    const res = await request(t.app)
      .post("/api/auth/register")
      .send({ email: "a@b.org", password: TEST_PASSWORD, displayName: "x".repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe("login and logout", () => {
  it("signs in, changes the session id at login, and tells who is signed in", async () => {
    const u = await t.signUp();
    const agent = request.agent(t.app);
    const pre = await agent.get("/api/auth/csrf");
    const before = sessionCookie(pre)!.split(";")[0];
    const login = await agent.post("/api/auth/login").set("x-csrf-token", pre.body.token).send({ email: u.email, password: u.password });
    expect(login.status).toBe(200);
    const after = sessionCookie(login)!.split(";")[0];
    expect(after).not.toBe(before);
    const me = await agent.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(u.email);
    // the pre-login session id no longer identifies anyone
    const stale = await request(t.app).get("/api/auth/me").set("cookie", before!);
    expect(stale.status).toBe(401);
  });

  it("answers a wrong e-mail and a wrong password identically", async () => {
    const u = await t.signUp();
    const wrongPassword = await request(t.app).post("/api/auth/login").send({ email: u.email, password: "wrong password!" });
    const wrongEmail = await request(t.app).post("/api/auth/login").send({ email: uniqueEmail(), password: u.password });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongEmail.body).toEqual(wrongPassword.body);
  });

  it("rejects a login body without a password with 400 naming it", async () => {
    const res = await request(t.app).post("/api/auth/login").send({ email: "a@b.org" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("password");
  });

  it("logout ends the session: the old cookie is worthless afterwards", async () => {
    const u = await t.signUp();
    const me = await u.get("/api/auth/me");
    expect(me.status).toBe(200);
    const cookie = (me.request as unknown as { cookies: string }).cookies;
    const out = await u.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect((await u.get("/api/auth/me")).status).toBe(401);
    const replay = await request(t.app).get("/api/auth/me").set("cookie", cookie);
    expect(replay.status).toBe(401);
  });

  it("/me without a session is 401", async () => {
    const res = await request(t.app).get("/api/auth/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });
});

describe("CSRF", () => {
  it("refuses a state-changing request with the session cookie but no token", async () => {
    const u = await t.signUp();
    const res = await u.agent.post("/api/workspaces").send({ name: "X" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("csrf_failed");
  });

  it("refuses a wrong token and accepts the right one", async () => {
    const u = await t.signUp();
    expect((await u.agent.post("/api/workspaces").set("x-csrf-token", "nope").send({ name: "X" })).status).toBe(403);
    expect((await u.post("/api/workspaces", { name: "X" })).status).toBe(201);
  });

  it("GET /api/auth/csrf returns the session's token", async () => {
    const u = await t.signUp();
    const res = await u.get("/api/auth/csrf");
    expect(res.body.token).toBe(u.csrf);
  });

  it("refuses a request from a foreign Origin even with a valid token", async () => {
    const u = await t.signUp();
    const res = await u.agent.post("/api/workspaces").set("x-csrf-token", u.csrf).set("origin", "https://evil.example").send({ name: "X" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("origin_refused");
  });
});

describe("security headers", () => {
  it("sets helmet's headers", async () => {
    const res = await request(t.app).get("/healthz");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-frame-options"]).toBeDefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });
});

describe("health", () => {
  it("/healthz and /readyz answer", async () => {
    expect((await request(t.app).get("/healthz")).body).toEqual({ status: "ok" });
    const ready = await request(t.app).get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.database).toBe(t.database.provider);
  });
});
