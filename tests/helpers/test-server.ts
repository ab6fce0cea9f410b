/**
 * A real listening server (port 0, the port read back once it listens) on a fresh database, for
 * socket tests. Each test file starts its own and stops it in afterAll. The server is also a
 * transport: `server.signUp()` and `buildWorld(server, …)` make fetch and socket clients of it.
 */
import { loadConfig } from "../../server/config.ts";
import { createLogger, type Logger } from "../../server/lib/logger.ts";
import { startServer, type RunningServer } from "../../server/server.ts";
import type { AppOptions } from "../../server/app.ts";
import type { RealtimeOptions } from "../../server/realtime/socket-server.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { TEST_ORIGIN } from "./origin.ts";
import { httpTransport, type HttpClient } from "./http-client.ts";
import type { Transport } from "./client.ts";

export interface TestServer extends RunningServer, Transport<HttpClient> {
  database: TestDatabase;
  stop(): Promise<void>;
}

export interface TestServerOptions extends Pick<AppOptions, "loginLimits" | "registerPerHour"> {
  realtime?: RealtimeOptions;
  /** Environment on top of the test defaults (PORT stays 0 unless given). */
  env?: Record<string, string>;
  /** Where the server logs (nowhere by default). */
  logger?: Logger;
  /** The PostgreSQL server to make the database on, instead of TEST_DATABASE_URL ("" for SQLite). */
  databaseServer?: string;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase(opts.databaseServer);
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", PUBLIC_ORIGIN: TEST_ORIGIN, ...opts.env });
  const server = await startServer(config, opts.logger ?? createLogger("silent"), {
    registerPerHour: opts.registerPerHour ?? 100_000,
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
    realtime: opts.realtime,
  });
  return {
    ...server,
    signUp: httpTransport(server.url).signUp,
    database,
    async stop() {
      await server.close();
      await database.drop();
    },
  };
}
