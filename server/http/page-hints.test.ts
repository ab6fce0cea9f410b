import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Request } from "express";
import { afterAll, describe, expect, it } from "vitest";
import { pageHints, screenAssets } from "./page-hints.ts";

const PAGE = `<!doctype html><html><head><script type="module" src="/assets/index-1.js"></script></head><body><div id="root"></div></body></html>`;
const MANIFEST = {
  "index.html": { file: "assets/index-1.js", isEntry: true, imports: ["_runtime.js"], css: ["assets/index-1.css"] },
  "_runtime.js": { file: "assets/runtime-1.js" },
  "_shared.js": { file: "assets/shared-1.js", imports: ["_runtime.js"] },
  "src/features/document/DocumentPage.tsx": { file: "assets/DocumentPage-1.js", isDynamicEntry: true, imports: ["_shared.js", "_editor.js"], css: ["assets/DocumentPage-1.css", "assets/index-1.css"] },
  "_editor.js": { file: "assets/editor-1.js", imports: ["_shared.js"] },
  "src/features/workspaces/WorkspacesPage.tsx": { file: "assets/WorkspacesPage-1.js", isDynamicEntry: true, imports: ["_shared.js"] },
};

const dist = mkdtempSync(join(tmpdir(), "page-hints-"));
writeFileSync(join(dist, "index.html"), PAGE);
mkdirSync(join(dist, ".vite"));
writeFileSync(join(dist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

/** A request; `user` set when a visitor is signed in. */
const req = (path: string, user?: { id: string }) => ({ path, user }) as Request;
const signedIn = (r: Request) => !!r.user;
const asked: string[] = [];
/** A reader of d1 (in workspace w1) only. */
const hints = pageHints(dist, {
  signedIn,
  documentWorkspace: async (_req, id) => {
    asked.push(id);
    if (id === "broken") throw new Error("database down");
    return id === "d1" ? "w1" : null;
  },
});

describe("screen assets", () => {
  it("lists the screen's chunk and what it imports, without what the first script already loads", () => {
    const a = screenAssets(MANIFEST, "src/features/document/DocumentPage.tsx");
    expect(a.scripts).toEqual(["/assets/DocumentPage-1.js", "/assets/shared-1.js", "/assets/editor-1.js"]);
    expect(a.styles).toEqual(["/assets/DocumentPage-1.css"]);
    expect(screenAssets(MANIFEST, "src/nowhere.tsx")).toEqual({ scripts: [], styles: [] });
  });
});

describe("the page with hints", () => {
  it("names a reader's document reads and the document screen's code", async () => {
    const html = await hints.page(req("/d/d1"));
    expect(html).toContain(`<link rel="preload" as="fetch" crossorigin href="/api/documents/d1">`);
    expect(html).toContain(`href="/api/documents/d1/annotations?form=compact"`);
    for (const p of ["/api/workspaces/w1", "/api/workspaces/w1/tags", "/api/workspaces/w1/members"]) expect(html).toContain(`href="${p}"`);
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="/assets/DocumentPage-1.js">`);
    expect(html).toContain(`<link rel="preload" as="style" crossorigin href="/assets/DocumentPage-1.css">`);
    // In the head, before the page's body.
    expect(html.indexOf("modulepreload")).toBeLessThan(html.indexOf("</head>"));
    expect(html).not.toContain("runtime-1.js\">");
  });

  it("says nothing of a document the visitor cannot read, but still names the screen's code", async () => {
    for (const path of ["/d/d2", "/d/broken"]) {
      const html = await hints.page(req(path));
      expect(html).not.toContain("/api/");
      expect(html).toContain("DocumentPage-1.js");
    }
  });

  it("leaves pages of other screens without data hints, and unknown screens as they are", async () => {
    const before = asked.length;
    expect(await hints.page(req("/"))).toContain(`href="/assets/WorkspacesPage-1.js"`);
    expect(await hints.page(req("/signin"))).toBe(PAGE);
    expect(await hints.page(req("/d/d1/claims"))).toBe(PAGE);
    expect(await hints.page(req("/d/%E0%A4%A"))).toBe(PAGE);
    expect(asked.length).toBe(before);
  });

  it("names the session check's reads for a signed-in visitor, on every page, and for no one else", async () => {
    const me = `<link rel="preload" as="fetch" crossorigin href="/api/auth/me">`;
    const csrf = `<link rel="preload" as="fetch" crossorigin href="/api/auth/csrf">`;
    for (const path of ["/", "/signin", "/d/d1", "/d/d2", "/d/d1/claims", "/d/%E0%A4%A"]) {
      const html = await hints.page(req(path, { id: "u1" }));
      expect(html).toContain(me);
      expect(html).toContain(csrf);
      expect(html.indexOf(csrf)).toBeLessThan(html.indexOf("</head>"));
      expect(await hints.page(req(path))).not.toContain("/api/auth/");
    }
    // Beside a document's own reads, first.
    const doc = await hints.page(req("/d/d1", { id: "u1" }));
    expect(doc.indexOf(me)).toBeLessThan(doc.indexOf("/api/documents/d1"));
    expect(doc).toContain(`href="/api/documents/d1/annotations?form=compact"`);
  });

  it("escapes what goes into an attribute", async () => {
    const odd = pageHints(dist, { signedIn, documentWorkspace: async () => `w"><script>` });
    const html = await odd.page(req(`/d/${encodeURIComponent('x"y')}`));
    expect(html).not.toContain("<script>");
    expect(html).toContain("/api/documents/x%22y");
    expect(html).toContain("/api/workspaces/w%22%3E%3Cscript%3E");
  });

  it("sends the plain page when the build has no manifest", async () => {
    const bare = mkdtempSync(join(tmpdir(), "page-hints-bare-"));
    try {
      writeFileSync(join(bare, "index.html"), PAGE);
      expect(await pageHints(bare, { signedIn, documentWorkspace: async () => "w1" }).page(req("/d/d1"))).toBe(PAGE);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
