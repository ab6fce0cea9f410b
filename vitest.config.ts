import { defineConfig } from "vitest/config";

// The integration suite runs twice when a PostgreSQL URL is known: once on SQLite (the
// embedded default) and once on PostgreSQL. In CI PostgreSQL is required, never skipped:
// its helper fails when the server cannot be reached.
const pgUrl = process.env.TEST_DATABASE_URL || (process.env.CI ? "postgresql://root@127.0.0.1:5432/test" : "");

const shared = {
  pool: "forks" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  exclude: ["tests/e2e/**", "node_modules/**"],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "sqlite",
          include: ["server/**/*.test.ts", "common/**/*.test.ts", "tests/**/*.test.ts", "client/src/**/*.test.ts"],
          exclude: [...shared.exclude, "tests/multinode/**", "tests/abuse/**"],
          env: { TEST_DATABASE_URL: "" },
        },
      },
      ...(pgUrl
        ? [
            {
              test: {
                ...shared,
                name: "postgresql",
                // The fuzz suite too: PostgreSQL refuses values SQLite accepts (NUL, 32-bit overflow).
                include: ["tests/integration/**/*.test.ts", "tests/fuzz/**/*.test.ts"],
                env: { TEST_DATABASE_URL: pgUrl, FUZZ_DATABASE_URL: pgUrl },
              },
            },
            {
              // Several app processes sharing PostgreSQL and a private redis-server.
              test: {
                ...shared,
                name: "multinode",
                include: ["tests/multinode/**/*.test.ts"],
                env: { TEST_DATABASE_URL: pgUrl },
                testTimeout: 90_000,
              },
            },
          ]
        : []),
    ],
  },
});
