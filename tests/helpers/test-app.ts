/**
 * Builds the real app on a fresh database for one test file; tear it down in afterAll. The app
 * is also a transport: `t.signUp()` and `buildWorld(t, …)` make Supertest clients of it.
 */
import { loadConfig, type Config } from "../../server/config.ts";
import { openDb, type Db } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrator.ts";
import { createApp, type AppOptions, type BuiltApp } from "../../server/app.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { TEST_ORIGIN } from "./origin.ts";
import { appTransport, type AppClient } from "./app-client.ts";
import type { Transport } from "./client.ts";

export interface TestApp extends BuiltApp, Transport<AppClient> {
  db: Db;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(overrides: Partial<AppOptions> & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await migrate(database.url);
  const db = await openDb(database.url);
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, PUBLIC_ORIGIN: TEST_ORIGIN, ...overrides.env });
  const built = createApp({ config, db, logger: createLogger(process.env.TEST_LOG === "1" ? "error" : "silent"), registerPerHour: 10_000, ...overrides });
  return {
    ...built,
    ...appTransport(built.app),
    db,
    config,
    database,
    async close() {
      await built.ctx.workers.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
