/**
 * Builds the Express app without listening (Supertest's target; main.ts listens).
 * Pipeline: request id -> security headers -> body limits -> session -> Passport -> CSRF ->
 * routes -> one error handler.
 */
import express, { type Express, type RequestHandler } from "express";
import session from "express-session";
import helmet from "helmet";
import { compressResponses } from "./http/compression.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Logger } from "./lib/logger.ts";
import type { AppContext } from "./app-context.ts";
import { DbSessionStore } from "./auth/session-store.ts";
import { createPassport } from "./auth/passport.ts";
import { csrfProtection } from "./auth/csrf.ts";
import { createLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./auth/login-limiter.ts";
import { createRateLimit, memoryLimiters, type LimiterFactory } from "./http/rate-limit.ts";
import { requestContext } from "./http/request-id.ts";
import { errorHandler, notFoundHandler } from "./http/error-handler.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { workspaceRoutes } from "./modules/workspaces/workspaces.routes.ts";
import { documentRoutes } from "./modules/documents/documents.routes.ts";
import { loadDocumentAccess } from "./modules/documents/documents.service.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { annotationRoutes } from "./modules/annotations/annotations.routes.ts";
import { reviewRoutes } from "./modules/review/review.routes.ts";
import { tagRoutes } from "./modules/tags/tags.routes.ts";
import { activityRoutes } from "./modules/activity/activity.routes.ts";
import { editingRoutes } from "./modules/editing/editing.routes.ts";
import { searchRoutes } from "./modules/search/search.routes.ts";
import { exportRoutes } from "./modules/exports/exports.routes.ts";
import { nullPublisher, type Publisher } from "./realtime/publisher.ts";
import { MutationRunner } from "./modules/mutations/registry.ts";
import { servicesFor } from "./modules/mutations/services.ts";
import { ParagraphCache } from "./modules/documents/paragraph-cache.ts";
import { clientApp } from "./http/client-app.ts";
import { jsonBody } from "./http/json-body.ts";
import { WorkerPool } from "./workers/pool.ts";
import { createDispatchers } from "./modules/outbox/dispatchers.ts";
import { notificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { webhookRoutes } from "./modules/webhooks/webhooks.routes.ts";

export const SESSION_COOKIE = "scholia.sid";
const SESSION_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

export interface AppOptions {
  config: Config;
  db: Db;
  logger: Logger;
  loginLimits?: LoginLimits;
  /** Registrations allowed per IP per hour. */
  registerPerHour?: number;
  /** Where rate-limit counters live (memory by default; Redis with several nodes). */
  limiters?: LimiterFactory;
  /** Where committed events go (the node's socket publisher); nowhere by default. */
  publisher?: Publisher;
}

export interface BuiltApp {
  app: Express;
  ctx: AppContext;
  /** The session middleware, shared with the Socket.IO handshake. */
  sessionMiddleware: RequestHandler;
  passportMiddleware: RequestHandler[];
  sessionStore: DbSessionStore;
}

export function createApp(opts: AppOptions): BuiltApp {
  const { config, db, logger } = opts;
  const limiters = opts.limiters ?? memoryLimiters;
  const loginLimiter = createLoginLimiter(opts.loginLimits ?? DEFAULT_LOGIN_LIMITS, limiters);
  const registerLimiter = createRateLimit(
    {
      keyPrefix: "register_ip",
      points: opts.registerPerHour ?? 20,
      durationSeconds: 3600,
      message: "Too many accounts created from this address; try again later",
    },
    limiters,
  );
  const publisher = opts.publisher ?? nullPublisher;
  const paragraphs = new ParagraphCache();
  const outbox = createDispatchers(config, db, logger);
  const ctx: AppContext = {
    config,
    db,
    logger,
    loginLimiter,
    registerLimiter,
    sessionCookieName: SESSION_COOKIE,
    publisher,
    paragraphs,
    mutations: new MutationRunner(db, servicesFor(config, paragraphs), publisher, outbox),
    outbox,
    draining: false,
    // One user's large jobs leave at least one thread to everyone else. Two threads are kept started
    // and warmed up, the pair a large Word export renders its halves on (exports/docx.ts); not in
    // tests, where each app would start threads it rarely uses.
    workers: new WorkerPool({
      threads: config.workerThreads,
      budgetMs: config.jobTimeLimitMs,
      maxQueue: 64,
      perKey: Math.max(1, config.workerThreads - 1),
      memoryMb: 1024,
      keepThreads: config.env === "test" ? 0 : Math.min(2, config.workerThreads),
      onStrayError: (e) => logger.warn("worker pool: a report outside any job", { err: e.message }),
    }),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(requestContext(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'", ...config.allowedOrigins.map((o) => o.replace(/^http/, "ws"))],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );

  app.use(healthRoutes(ctx));

  const sessionStore = new DbSessionStore(db);
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.trustProxy !== false,
    cookie: { httpOnly: true, sameSite: "lax", secure: config.secureCookies, maxAge: SESSION_MAX_AGE_MS, path: "/" },
  });
  const passport = createPassport(db, loginLimiter);
  const passportMiddleware: RequestHandler[] = [passport.initialize(), passport.session()];

  const api = express.Router();
  api.use(compressResponses());
  api.use(sessionMiddleware);
  api.use(...passportMiddleware);
  api.use(csrfProtection(SESSION_COOKIE, config.allowedOrigins));
  // The import and revision routes read their own, larger body; every other route is held to JSON_BODY_LIMIT.
  api.use(documentRoutes(ctx));
  api.use(editingRoutes(ctx));
  // Exports' annotation import reads its own, larger JSON body too.
  api.use(exportRoutes(ctx));
  api.use(jsonBody);
  api.use("/auth", authRoutes(ctx, passport));
  api.use(workspaceRoutes(ctx));
  api.use(annotationRoutes(ctx));
  api.use(tagRoutes(ctx));
  api.use(activityRoutes(ctx));
  api.use(searchRoutes(ctx));
  api.use(reviewRoutes(ctx));
  api.use(notificationRoutes(ctx));
  api.use(webhookRoutes(ctx));
  api.use(notFoundHandler);
  app.use("/api", api);

  const client = clientApp({
    hints: {
      session: [sessionMiddleware, ...passportMiddleware],
      source: {
        signedIn: (req) => !!req.user,
        documentWorkspace: async (req, documentId) => {
          if (!req.user) return null;
          try {
            return (await loadDocumentAccess(db, req.user.id, documentId)).document.workspaceId;
          } catch {
            return null;
          }
        },
      },
    },
  });
  if (client) app.use(client);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, ctx, sessionMiddleware, passportMiddleware, sessionStore };
}
