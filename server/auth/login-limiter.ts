/**
 * Brute-force brakes on sign-in: failed attempts are counted per account (e-mail) and per
 * client IP; past either limit further attempts get 429 until the window passes.
 * A successful sign-in clears the account's count.
 */
import type { RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../http/errors.ts";
import { memoryLimiters, type LimiterFactory } from "../http/rate-limit.ts";

export interface LoginLimits {
  /** Failed attempts allowed per account per window. */
  perAccount: number;
  /** Failed attempts allowed per IP per window. */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perIp: 50, windowSeconds: 15 * 60 };

export interface LoginLimiter {
  /** Throws 429 when the account or the IP is over its limit. */
  assertAllowed(ip: string, email: string): Promise<void>;
  recordFailure(ip: string, email: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createLoginLimiter(
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  make: LimiterFactory = memoryLimiters,
): LoginLimiter {
  const byAccount = make({ keyPrefix: "login_account", points: limits.perAccount, duration: limits.windowSeconds });
  const byIp = make({ keyPrefix: "login_ip", points: limits.perIp, duration: limits.windowSeconds });

  const over = (res: RateLimiterRes | null, max: number) => (res && res.consumedPoints >= max ? res : null);

  return {
    async assertAllowed(ip, email) {
      const [acc, addr] = await Promise.all([byAccount.get(email), byIp.get(ip)]);
      const hit = over(acc, limits.perAccount) ?? over(addr, limits.perIp);
      if (hit) {
        const seconds = Math.max(1, Math.ceil(hit.msBeforeNext / 1000));
        throw TooManyRequestsError(`Too many sign-in attempts; try again in ${seconds} s`, seconds);
      }
    },
    async recordFailure(ip, email) {
      // penalty() adds points without rejecting, so counting never throws.
      await Promise.all([byAccount.penalty(email, 1), byIp.penalty(ip, 1)]);
    },
    async recordSuccess(email) {
      await byAccount.delete(email);
    },
  };
}
