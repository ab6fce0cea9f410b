/**
 * The environment, parsed once at start with zod. A bad value stops the start with a
 * message naming the variable; nothing else in the server reads process.env.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { z } from "zod";

const DEFAULT_SQLITE_URL = "file:./data/scholia.db";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_SQLITE_URL)
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), {
      message: "must be a file: (SQLite) or postgresql:// URL",
    }),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_ORIGIN: z.url().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), { message: "must be a redis:// or rediss:// URL" })
    .optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  DEMO_DATA: z.enum(["true", "false"]).optional(),
  INVITE_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(72),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  JOB_TIME_LIMIT_SECONDS: z.coerce.number().positive().max(600).default(20),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/]/.test(v), { message: "must be an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  NOTIFY_DIGEST_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(60),
  WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).optional(),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(2000),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  sessionSecret: string;
  publicOrigin: string;
  allowedOrigins: string[];
  redisUrl: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean | number | string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  demoData: boolean;
  inviteTtlMs: number;
  metricsToken: string | undefined;
  /** Worker threads for CPU-heavy jobs (imports, quote placement). */
  workerThreads: number;
  /** Time budget of one such job. */
  jobTimeLimitMs: number;
  /** Outgoing e-mail; null when SMTP_URL is not set (then no e-mail is queued at all). */
  mail: { smtpUrl: string; from: string } | null;
  /** A digest e-mail goes out once its oldest notification is this old. */
  digestMs: number;
  webhooks: WebhookConfig;
  /** How often each node looks for due e-mails and webhook deliveries (a change on this node also wakes it). */
  dispatchIntervalMs: number;
}

export interface WebhookConfig {
  /** Whether loopback, private, link-local, unique-local and metadata addresses may be called. */
  allowPrivate: boolean;
  timeoutMs: number;
  maxAttempts: number;
  /** The first retry's delay; each next one is four times longer. */
  retryBaseMs: number;
}

/** Thrown for a bad environment; `message` names every offending variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** A development secret kept beside the SQLite data so sessions survive restarts. */
function localSessionSecret(databaseUrl: string): string {
  const dbPath = databaseUrl.startsWith("file:") ? resolve(databaseUrl.slice("file:".length)) : resolve("data/x");
  const file = resolve(dirname(dbPath), ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Parses and validates the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.SESSION_SECRET) {
    throw new ConfigError("Invalid environment:\n  SESSION_SECRET: required in production (at least 32 characters)");
  }
  const publicOrigin = (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const extra = (e.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  for (const origin of extra) {
    if (!z.url().safeParse(origin).success) {
      throw new ConfigError(`Invalid environment:\n  ALLOWED_ORIGINS: "${origin}" is not a URL`);
    }
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseProvider: e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    sessionSecret: e.SESSION_SECRET ?? (e.NODE_ENV === "test" ? randomBytes(32).toString("hex") : localSessionSecret(e.DATABASE_URL)),
    publicOrigin,
    allowedOrigins: [...new Set([publicOrigin, ...extra])],
    redisUrl: e.REDIS_URL,
    secureCookies: publicOrigin.startsWith("https://"),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === "true" : e.NODE_ENV !== "test",
    inviteTtlMs: e.INVITE_TTL_HOURS * 3600 * 1000,
    metricsToken: e.METRICS_TOKEN,
    // One core stays with the event loop; at least two threads so one slow job does not hold up the next.
    workerThreads: e.WORKER_THREADS ?? Math.max(2, Math.min(4, availableParallelism() - 1)),
    jobTimeLimitMs: e.JOB_TIME_LIMIT_SECONDS * 1000,
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `Scholia <no-reply@${new URL(publicOrigin).hostname}>` } : null,
    digestMs: e.NOTIFY_DIGEST_MINUTES * 60_000,
    webhooks: {
      // Private addresses are refused in production unless allowed; allowed elsewhere unless refused.
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE ? e.WEBHOOK_ALLOW_PRIVATE === "true" : e.NODE_ENV !== "production",
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
    },
    dispatchIntervalMs: e.DISPATCH_INTERVAL_MS,
  };
}
