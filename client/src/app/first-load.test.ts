/**
 * What signing in and the workspace list load (docs/client.md, "Code splitting"): the first script
 * (main.tsx and everything it imports statically) and the chunks of the workspace list and the
 * notification bell. Followed here through the sources' static imports: a type-only import
 * (`import type`) loads nothing, a dynamic import() is a chunk of its own, any other import loads
 * the module with the screen.
 */
import { describe, expect, it } from "vitest";

/** The sources, by path from the repository's root. */
const SOURCES = new Map(
  Object.entries({
    ...import.meta.glob<string>("../**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }),
    ...import.meta.glob<string>("../../../common/*.ts", { query: "?raw", import: "default", eager: true }),
  }).map(([path, text]) => [join("client/src/app", path), text]),
);

/** `rel` taken from the folder `dir` (both with forward slashes), without . and .. parts. */
function join(dir: string, rel: string): string {
  const parts: string[] = [];
  for (const part of `${dir}/${rel}`.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/** The specifiers a source imports statically for their values (or for their side effects). */
function staticImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/gm)) {
    if (!m[2]) found.push(m[4]!);
  }
  for (const m of code.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) found.push(m[1]!);
  return found;
}

/** Every module reached from `entry` through static imports: repository files by path, packages by name. */
function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) return;
    const source = SOURCES.get(file);
    if (source === undefined) throw new Error(`no source for ${file}`);
    for (const spec of staticImports(source)) {
      if (spec.startsWith(".")) visit(join(file.slice(0, file.lastIndexOf("/")), spec));
      else seen.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  };
  visit(join("client/src", entry));
  return seen;
}

describe("what signing in and the workspace list load", () => {
  it("reads static imports and leaves out type-only and dynamic ones", () => {
    const source = [
      'import { a, type B } from "./a.ts";',
      'import type { C } from "./c.ts";',
      'export { d } from "./d.ts";',
      'export type { E } from "./e.ts";',
      'import "./f.css";',
      "import {\n  g,\n  h,\n} from \"g-package\";",
      'const later = () => import("./later.ts");',
      '// import { x } from "./commented.ts";',
    ].join("\n");
    expect(staticImports(source)).toEqual(["./a.ts", "./d.ts", "g-package", "./f.css"]);
  });

  it("the first script holds no zod, no socket client and no editor", () => {
    const first = reached("main.tsx");
    expect(first).toContain("client/src/features/auth/AuthPages.tsx");
    expect(first).toContain("react-dom");
    expect([...first].filter((m) => m === "zod" || m === "socket.io-client" || m.startsWith("@tiptap") || m === "common/auth.ts")).toEqual([]);
  });

  it("the workspace list and the bell load no zod and no editor", () => {
    for (const screen of ["features/workspaces/WorkspacesPage.tsx", "features/notifications/NotificationBell.tsx"]) {
      const modules = reached(screen);
      expect([...modules].filter((m) => m === "zod" || m.startsWith("@tiptap")), screen).toEqual([]);
    }
    // The bell's live count needs the socket client; the list itself does not.
    expect(reached("features/notifications/NotificationBell.tsx")).toContain("socket.io-client");
    expect(reached("features/workspaces/WorkspacesPage.tsx")).not.toContain("socket.io-client");
  });
});
