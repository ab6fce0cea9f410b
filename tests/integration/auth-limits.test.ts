import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { buildTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from "../helpers/kit.ts";

describe("login rate limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ loginLimits: { perAccount: 3, perIp: 8, windowSeconds: 600 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    const u = await t.signUp();
    for (let i = 0; i < 3; i++) {
      expect((await request(t.app).post("/api/auth/login").send({ email: u.email, password: "wrong-password" })).status).toBe(401);
    }
    const locked = await request(t.app).post("/api/auth/login").send({ email: u.email, password: u.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.body.error.code).toBe("rate_limited");
  });

  it("limits one IP trying many accounts", async () => {
    // 4 attempts were already counted for this IP above (every attempt counts, the refused one
    // included); 4 more reach the IP's limit of 8.
    for (let i = 0; i < 4; i++) {
      expect((await request(t.app).post("/api/auth/login").send({ email: uniqueEmail(), password: "wrong-password" })).status).toBe(401);
    }
    const res = await request(t.app).post("/api/auth/login").send({ email: uniqueEmail(), password: "wrong-password" });
    expect(res.status).toBe(429);
  });
});

describe("secure cookies", () => {
  it("marks the session cookie Secure when the public origin is https", async () => {
    const t = await buildTestApp({ env: { PUBLIC_ORIGIN: "https://scholia.example.org", TRUST_PROXY: "1" } });
    try {
      const res = await request(t.app)
        .post("/api/auth/register")
        .set("x-forwarded-proto", "https")
        .send({ email: uniqueEmail(), password: TEST_PASSWORD, displayName: "S" });
      expect(res.status).toBe(201);
      const cookie = (res.headers["set-cookie"] as unknown as string[]).find((c) => c.startsWith("scholia.sid="))!;
      expect(cookie).toMatch(/;\s*Secure/i);
    } finally {
      await t.close();
    }
  });
});
