/** Entry point: config -> migrations -> database -> demo data -> listen; clean stop on SIGTERM. */
import { loadConfig, ConfigError } from "./config.ts";
import { createLogger } from "./lib/logger.ts";
import { startServer } from "./server.ts";
import { seedDemo } from "./demo/seed.ts";

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  if (config.demoData && config.databaseProvider === "sqlite") {
    const demo = await seedDemo(server.db);
    if (demo.created) logger.info("demo data created", { email: demo.email });
    console.log(`\n  Demo sign-in: ${demo.email} / ${demo.password}\n`);
  }
  logger.info("listening", { url: config.publicOrigin, port: server.port, database: config.databaseProvider });
  // The port is printed because PORT=0 lets the system choose one (tests start nodes that way).
  console.log(`  Scholia is running on ${config.publicOrigin} (listening on port ${server.port})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    const deadline = setTimeout(() => {
      logger.error("shutdown deadline passed; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error("shutdown failed", { err: e });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
