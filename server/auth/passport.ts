/**
 * Passport with the local strategy (e-mail + password). The session stores only the user id;
 * each request reloads the user, so a deleted account is signed out everywhere at once.
 */
import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { Request } from "express";
import type { Db } from "../db/client.ts";
import { verifyPassword } from "./passwords.ts";
import type { LoginLimiter } from "./login-limiter.ts";
import { AuthenticationError } from "../http/errors.ts";
import { LoginSchema } from "../../common/auth.ts";
import { parseInput } from "../http/validate.ts";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

/** The same answer for an unknown e-mail and a wrong password. */
export const INVALID_CREDENTIALS = "E-mail or password is incorrect";

export function createPassport(db: Db, limiter: LoginLimiter): passport.PassportStatic {
  const instance = new passport.Passport() as unknown as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ usernameField: "email", passwordField: "password", passReqToCallback: true }, (req: Request, _email, _password, done) => {
      (async () => {
        const { email, password } = parseInput(LoginSchema, req.body);
        const ip = req.ip ?? "unknown";
        // Counted before the check: parallel guesses cannot all be evaluated.
        await limiter.consume(ip, email);
        const user = await db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(user?.passwordHash ?? null, password);
        if (!user || !ok) throw AuthenticationError(INVALID_CREDENTIALS);
        await limiter.recordSuccess(ip, email);
        return { id: user.id, email: user.email, displayName: user.displayName, createdAt: user.createdAt };
      })().then(
        (u) => done(null, u),
        (e: unknown) => done(e),
      );
    }),
  );
  instance.serializeUser((user, done) => done(null, (user as SessionUser).id));
  instance.deserializeUser((id: unknown, done) => {
    if (typeof id !== "string") return done(null, false);
    db.user
      .findUnique({ where: { id }, select: { id: true, email: true, displayName: true, createdAt: true } })
      .then((u) => done(null, u ?? false))
      .catch((e: unknown) => done(e));
  });
  return instance;
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): SessionUser {
  if (!req.user) throw AuthenticationError();
  return req.user;
}
