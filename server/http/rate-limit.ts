/** A fixed-window counter per key; over the limit it throws a 429 with Retry-After. */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { TooManyRequestsError } from "./errors.ts";

/** Makes a limiter: in memory on one node, in Redis when several nodes share the limits. */
export type LimiterFactory = (o: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;
export const memoryLimiters: LimiterFactory = (o) => new RateLimiterMemory(o);

export interface RateLimit {
  consume(key: string): Promise<void>;
}

export function createRateLimit(
  opts: { keyPrefix: string; points: number; durationSeconds: number; message: string },
  make: LimiterFactory = memoryLimiters,
): RateLimit {
  const limiter = make({ keyPrefix: opts.keyPrefix, points: opts.points, duration: opts.durationSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
          throw TooManyRequestsError(opts.message, seconds);
        }
        throw e;
      }
    },
  };
}
