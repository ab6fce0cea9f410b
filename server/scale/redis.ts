/**
 * Redis, when REDIS_URL is set (several nodes): one connection for the Socket.IO streams
 * adapter (it blocks on XREAD), one for shared rate limits. Both reconnect on their own;
 * while Redis is away, rate limits fall back to per-node memory and the adapter resumes the
 * stream where it left off when Redis returns.
 */
import { createClient } from "redis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Logger } from "../lib/logger.ts";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnections {
  adapter: RedisClient;
  limits: RedisClient;
  /** Called each time the adapter's connection comes back after an outage. */
  onReconnect(fn: () => void): void;
  close(): Promise<void>;
}

function connectOne(url: string, name: string, logger: Logger, onBack: () => void = () => {}): RedisClient {
  const client = createClient({
    url,
    name: `scholia-${name}`,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 },
  });
  let down = false;
  client.on("error", (err: Error) => {
    if (!down) logger.warn("redis connection lost", { connection: name, err: err.message });
    down = true;
  });
  client.on("ready", () => {
    if (down) {
      logger.info("redis connection back", { connection: name });
      onBack();
    }
    down = false;
  });
  return client;
}

export async function connectRedis(url: string, logger: Logger): Promise<RedisConnections> {
  const listeners: Array<() => void> = [];
  const adapter = connectOne(url, "adapter", logger, () => listeners.forEach((fn) => fn()));
  const limits = connectOne(url, "limits", logger);
  await Promise.all([adapter.connect(), limits.connect()]);
  return {
    adapter,
    limits,
    onReconnect: (fn) => void listeners.push(fn),
    async close() {
      await Promise.allSettled([adapter.quit(), limits.quit()]);
    },
  };
}

/** Rate limiters shared by every node through Redis, with a per-node fallback while Redis is away. */
export function redisLimiterFactory(client: RedisClient) {
  return (opts: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `scholia:${opts.keyPrefix}`,
      points: opts.points,
      duration: opts.duration,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
}
