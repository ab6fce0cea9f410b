/**
 * Starts a whole Scholia node: migrations, database, Redis (when configured), app, HTTP and
 * Socket.IO. Used by main.ts and by tests that need a real listening server (port 0).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { openDb, type Db } from "./db/client.ts";
import { migrate } from "./db/migrator.ts";
import { createApp, type AppOptions, type BuiltApp } from "./app.ts";
import type { Logger } from "./lib/logger.ts";
import { createRealtime, type RealtimeOptions, type ScholiaServer } from "./realtime/socket-server.ts";
import { connectRedis, redisLimiterFactory } from "./scale/redis.ts";
import { metrics } from "./observability/metrics.ts";
import { createAdapter } from "@socket.io/redis-streams-adapter";

export interface RunningServer {
  http: Server;
  db: Db;
  built: BuiltApp;
  io: ScholiaServer;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger,
  extra: Partial<AppOptions> & { realtime?: RealtimeOptions } = {},
): Promise<RunningServer> {
  const result = await migrate(config.databaseUrl);
  if (result.applied.length) logger.info("migrations applied", { applied: result.applied });
  const db = await openDb(config.databaseUrl, (kind, seconds) => metrics().dbDuration.observe({ kind }, seconds));
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
  const adapter = redis ? createAdapter(redis.adapter, { streamName: "scholia:socket.io", maxLen: 100_000 }) : undefined;
  const realtime = createRealtime(config, logger, { ...extra.realtime, ...(adapter ? { adapter } : {}) });
  const { io, publisher } = realtime;
  const built = createApp({ config, db, logger, publisher, ...(redis ? { limiters: redisLimiterFactory(redis.limits) } : {}), ...extra });
  built.sessionStore.startSweeping();
  built.ctx.outbox.start();
  const http = createServer(built.app);
  realtime.start(http, built);
  // Events published by other nodes while Redis was away may not have reached this node's
  // sockets: when the link returns, they fetch what they missed from the event log.
  redis?.onReconnect(() => io.local.emit("realtime:resync", {}));
  // Slightly above typical load-balancer idle timeouts, so the balancer closes first.
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  let closing: Promise<void> | null = null;
  return {
    http,
    db,
    built,
    io,
    port,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        // Drain: readiness fails first, then no new connections; sockets are closed at the
        // transport so clients reconnect (to another node); in-flight requests and mutations
        // finish; then Redis and the database close.
        built.ctx.draining = true;
        built.sessionStore.stopSweeping();
        const force = setTimeout(() => http.closeAllConnections(), 8000);
        force.unref();
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
          http.closeIdleConnections();
        });
        clearTimeout(force);
        await built.ctx.mutations.idle();
        await built.ctx.outbox.stop();
        publisher.close();
        realtime.close();
        await built.ctx.workers.close();
        await redis?.close();
        await db.$disconnect();
      })();
      return closing;
    },
  };
}
