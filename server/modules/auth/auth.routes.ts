/** /api/auth: CSRF token, register, sign in, sign out, who am I. */
import { Router, type Request, type Response, type NextFunction } from "express";
import type { PassportStatic } from "passport";
import { LoginSchema, RegisterSchema } from "../../../common/auth.ts";
import type { AppContext } from "../../app-context.ts";
import { csrfTokenFor } from "../../auth/csrf.ts";
import { requireUser, type SessionUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { AuthenticationError } from "../../http/errors.ts";
import { registerUser } from "./auth.service.ts";
import { presentUser } from "./user.presenter.ts";

/**
 * Signs `user` in: Passport regenerates the session id (the old session is destroyed), then a
 * fresh CSRF token is minted. Sockets opened under the replaced session are disconnected: they
 * belong to a sign-in that no longer exists.
 */
function signIn(ctx: AppContext, req: Request, user: SessionUser): Promise<string> {
  const replaced = req.session.id;
  return new Promise((resolve, reject) => {
    req.login(user, (err: unknown) => {
      if (err) return reject(err);
      if (replaced && replaced !== req.session.id) ctx.publisher.endSession(replaced);
      const token = csrfTokenFor(req);
      req.session.save((e) => (e ? reject(e) : resolve(token)));
    });
  });
}

export function authRoutes(ctx: AppContext, passport: PassportStatic): Router {
  const router = Router();

  router.get("/csrf", (req, res, next) => {
    const token = csrfTokenFor(req);
    req.session.save((e) => (e ? next(e) : res.json({ token })));
  });

  router.post("/register", async (req, res) => {
    await ctx.registerLimiter.consume(req.ip ?? "unknown");
    const input = parseInput(RegisterSchema, req.body);
    const user = await registerUser(ctx.db, input);
    const csrfToken = await signIn(ctx, req, user);
    ctx.logger.info("user registered", { requestId: req.id, userId: user.id });
    res.status(201).json({ user: presentUser(user), csrfToken });
  });

  router.post("/login", (req: Request, res: Response, next: NextFunction) => {
    // Validate first so a malformed body is a 400 naming the field, not a failed sign-in.
    parseInput(LoginSchema, req.body);
    passport.authenticate("local", { session: false }, (err: unknown, user: SessionUser | false) => {
      if (err) return next(err);
      if (!user) return next(AuthenticationError("E-mail or password is incorrect"));
      signIn(ctx, req, user).then(
        (csrfToken) => res.json({ user: presentUser(user), csrfToken }),
        (e: unknown) => next(e),
      );
    })(req, res, next);
  });

  router.post("/logout", (req, res, next) => {
    const sessionId = req.session.id;
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((e) => {
        if (e) return next(e);
        ctx.publisher.endSession(sessionId);
        res.clearCookie(ctx.sessionCookieName, { path: "/" });
        res.status(204).end();
      });
    });
  });

  router.get("/me", (req, res) => {
    const user = requireUser(req);
    res.json({ user: presentUser(user) });
  });

  return router;
}
