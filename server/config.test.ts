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
  ])("names the bad variable in %j", (env, name) => {
    expect(() => loadConfig({ NODE_ENV: "test", ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", ...env })).toThrow(name);
  });

  it("refuses to start in production without SESSION_SECRET", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }).sessionSecret).toBe("x".repeat(40));
  });
});
