/**
 * Starts a whole Scholia node: migrations, database, app, HTTP server. Used by main.ts and by
 * tests that need a real listening server (port 0).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { openDb, type Db } from "./db/client.ts";
import { migrate } from "./db/migrator.ts";
import { createApp, type AppOptions, type BuiltApp } from "./app.ts";
import type { Logger } from "./lib/logger.ts";
import { attachRealtime, type RealtimeOptions, type ScholiaServer } from "./realtime/socket-server.ts";

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
  const db = await openDb(config.databaseUrl);
  const built = createApp({ config, db, logger, ...extra });
  built.sessionStore.startSweeping();
  const http = createServer(built.app);
  const { io, publisher } = attachRealtime(http, built, extra.realtime);
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
        built.sessionStore.stopSweeping();
        publisher.close();
        // io.close() disconnects every socket (clients reconnect elsewhere) and closes the HTTP server.
        await new Promise<void>((resolve) => {
          void io.close(() => resolve());
          http.closeIdleConnections();
        });
        await db.$disconnect();
      })();
      return closing;
    },
  };
}
