import { defineConfig } from "vitest/config";

// Browser tests: real Chromium against a real server per file. One file at a time (each
// starts a server and a browser; the machine has two cores), with generous timeouts.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TEST_DATABASE_URL: "" },
  },
});
