/** Builds the browser app once for the whole e2e run (the test servers serve client/dist). */
import { build } from "vite";

export default async function setup(): Promise<void> {
  await build({ configFile: "client/vite.config.ts", mode: "production", logLevel: "warn", build: { sourcemap: false } });
}
