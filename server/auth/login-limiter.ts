/**
 * Brute-force brakes on sign-in. Every attempt is counted per account (e-mail) and per client
 * IP BEFORE the password is checked, with an atomic consume (in memory or in Redis across
 * nodes): N parallel guesses therefore make at most the limit's worth of password checks, and
 * the rest get 429 until the window passes. A successful sign-in clears the account's count and
 * gives the IP its attempt back.
 */
import { RateLimiterRes } from "rate-limiter-flexible";
import { TooManyRequestsError } from "../http/errors.ts";
import { memoryLimiters, type LimiterFactory } from "../http/rate-limit.ts";

export interface LoginLimits {
  /** Attempts allowed per account per window (a success resets the count). */
  perAccount: number;
  /** Attempts allowed per IP per window (successes are not counted). */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perIp: 50, windowSeconds: 15 * 60 };

export interface LoginLimiter {
  /** Counts one attempt; throws 429 when the account or the IP has none left. */
  consume(ip: string, email: string): Promise<void>;
  /** After a correct password: the account starts afresh and the IP gets its attempt back. */
  recordSuccess(ip: string, email: string): Promise<void>;
}

export function createLoginLimiter(
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  make: LimiterFactory = memoryLimiters,
): LoginLimiter {
  const byAccount = make({ keyPrefix: "login_account", points: limits.perAccount, duration: limits.windowSeconds });
  const byIp = make({ keyPrefix: "login_ip", points: limits.perIp, duration: limits.windowSeconds });

  const refused = (e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
    const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    return TooManyRequestsError(`Too many sign-in attempts; try again in ${seconds} s`, seconds);
  };

  return {
    async consume(ip, email) {
      // Sequential: an IP already over its limit does not also spend the account's attempts.
      try {
        await byIp.consume(ip);
      } catch (e) {
        throw refused(e);
      }
      try {
        await byAccount.consume(email);
      } catch (e) {
        throw refused(e);
      }
    },
    async recordSuccess(ip, email) {
      await Promise.all([byAccount.delete(email), byIp.reward(ip, 1)]);
    },
  };
}
