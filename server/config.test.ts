import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has sensible embedded defaults", () => {
    const c = loadConfig({ NODE_ENV: "test" });
    expect(c.port).toBe(3000);
    expect(c.databaseProvider).toBe("sqlite");
    expect(c.databaseUrl).toMatch(/^file:.*data\//);
    expect(c.publicOrigin).toBe("http://localhost:3000");
    expect(c.allowedOrigins).toEqual(["http://localhost:3000"]);
    expect(c.secureCookies).toBe(false);
  });

  it("reads PostgreSQL, origins and Redis", () => {
    const c = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: "postgresql://u@db:5432/scholia",
      PUBLIC_ORIGIN: "https://scholia.example.org/",
      ALLOWED_ORIGINS: "https://a.example.org, https://b.example.org",
      REDIS_URL: "redis://cache:6379",
    });
    expect(c.databaseProvider).toBe("postgresql");
    expect(c.publicOrigin).toBe("https://scholia.example.org");
    expect(c.allowedOrigins).toEqual(["https://scholia.example.org", "https://a.example.org", "https://b.example.org"]);
    expect(c.secureCookies).toBe(true);
    expect(c.redisUrl).toBe("redis://cache:6379");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PUBLIC_ORIGIN: "not a url" }, "PUBLIC_ORIGIN"],
    [{ REDIS_URL: "http://x" }, "REDIS_URL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ ALLOWED_ORIGINS: "https://ok.example, nope" }, "ALLOWED_ORIGINS"],
    [{ SMTP_URL: "mail.example.org:25" }, "SMTP_URL"],
    [{ NOTIFY_DIGEST_MINUTES: "0" }, "NOTIFY_DIGEST_MINUTES"],
    [{ WEBHOOK_ALLOW_PRIVATE: "yes" }, "WEBHOOK_ALLOW_PRIVATE"],
    [{ WEBHOOK_MAX_ATTEMPTS: "0" }, "WEBHOOK_MAX_ATTEMPTS"],
  ])("names the bad variable in %j", (env, name) => {
    expect(() => loadConfig({ NODE_ENV: "test", ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", ...env })).toThrow(name);
  });

  it("refuses to start in production without SESSION_SECRET", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }).sessionSecret).toBe("x".repeat(40));
  });

  it("sends e-mail only with SMTP_URL, and refuses internal webhook addresses in production unless allowed", () => {
    expect(loadConfig({ NODE_ENV: "test" }).mail).toBeNull();
    const mail = loadConfig({ NODE_ENV: "test", SMTP_URL: "smtp://u:p@mail.example.org:587", PUBLIC_ORIGIN: "https://scholia.example.org" });
    expect(mail.mail).toEqual({ smtpUrl: "smtp://u:p@mail.example.org:587", from: "Scholia <no-reply@scholia.example.org>" });
    expect(mail.digestMs).toBe(60 * 60_000);
    const prod = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) };
    expect(loadConfig(prod).webhooks.allowPrivate).toBe(false);
    expect(loadConfig({ ...prod, WEBHOOK_ALLOW_PRIVATE: "true" }).webhooks.allowPrivate).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", SESSION_SECRET: "x".repeat(40) }).webhooks).toEqual({ allowPrivate: true, timeoutMs: 10_000, maxAttempts: 6, retryBaseMs: 30_000 });
    expect(loadConfig({ NODE_ENV: "test", WEBHOOK_ALLOW_PRIVATE: "false" }).webhooks.allowPrivate).toBe(false);
  });
});
