/**
 * A node for the multi-node benchmark: server/main.ts's start (configuration from the
 * environment, Redis adapter when REDIS_URL is set) with the socket limits lifted the way the
 * in-process realtime benchmark lifts them, since the benchmark's clients share one account and
 * one document. Prints the port it listens on like server/main.ts does.
 */
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { startServer } from "../../server/server.ts";

const config = loadConfig();
const server = await startServer(config, createLogger(config.logLevel), {
  realtime: { burst: 100_000, perSecond: 100_000, maxSocketsPerUser: 100_000, maxSocketsPerDocument: 100_000 },
});
console.log(`  Scholia bench node listening on port ${server.port}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
