import { defineConfig } from "vitest/config";

// Attacks on real node processes (bombs, floods, parallel guesses): each test asserts the
// refusal and that /healthz, watched from another process, kept answering in < 100 ms. They
// run on their own, one file at a time, so their timing claims do not compete with other
// suites for the machine: `npm run test:abuse`. The cross-node guesses need PostgreSQL
// (required in CI, like the other PostgreSQL suites) and start a private redis-server.
const pgUrl = process.env.TEST_DATABASE_URL || (process.env.CI ? "postgresql://root@127.0.0.1:5432/test" : "");

export default defineConfig({
  test: {
    name: "abuse",
    include: ["tests/abuse/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    env: { TEST_DATABASE_URL: pgUrl },
  },
});
