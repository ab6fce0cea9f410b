/**
 * The browser app. Built into client/dist, which the API serves from its own origin (CSP:
 * scripts only from 'self', so nothing is inlined). `npm run dev` proxies /api and
 * /socket.io to the API on API_PORT (3000).
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";
import react from "@vitejs/plugin-react";

const root = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));
const api = `http://localhost:${process.env.API_PORT ?? "3000"}`;

export default defineConfig(({ command }): UserConfig => {
  // A build is always the production bundle (React's, JSX's), even when a test run (NODE_ENV=test) starts it.
  if (command === "build") process.env.NODE_ENV = "production";
  return {
    root,
    plugins: [react()],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      // No inline <script> may ever be emitted (CSP script-src 'self').
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      sourcemap: true,
      // Read by the server to name a screen's chunks in the page a link opens (server/http/page-hints.ts).
      manifest: true,
      chunkSizeWarningLimit: 1500,
    },
    server: {
      port: Number(process.env.CLIENT_PORT ?? 5173),
      strictPort: true,
      // The client imports the shared wire contract from ../common.
      fs: { allow: [repo] },
      proxy: {
        "/api": { target: api },
        "/socket.io": { target: api, ws: true },
      },
    },
  };
});
