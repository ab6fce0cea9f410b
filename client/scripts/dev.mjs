/**
 * `npm run dev`: the API under `tsx watch` on API_PORT (3000) and Vite's dev server on
 * CLIENT_PORT (5173), which proxies /api and /socket.io to it. The API is told to accept the
 * dev server's Origin (its CSRF and Socket.IO handshake checks refuse foreign ones).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const apiPort = process.env.API_PORT ?? "3000";
const clientPort = process.env.CLIENT_PORT ?? "5173";
const clientOrigin = `http://localhost:${clientPort}`;
const allowed = [process.env.ALLOWED_ORIGINS, clientOrigin, `http://127.0.0.1:${clientPort}`].filter(Boolean).join(",");

const children = [
  spawn("npx", ["tsx", "watch", "server/main.ts"], {
    cwd: repo,
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort, PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? clientOrigin, ALLOWED_ORIGINS: allowed },
  }),
  spawn("npx", ["vite", "--config", "client/vite.config.ts"], {
    cwd: repo,
    stdio: "inherit",
    env: { ...process.env, API_PORT: apiPort, CLIENT_PORT: clientPort },
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
