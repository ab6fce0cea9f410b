/**
 * Hints in the app's page for a screen opened from a link. The page is the same for every
 * screen, and the screen's own code is fetched only once the first script has run and chosen
 * it; its data only once that code asks. Named in the page's head instead, both are on their
 * way while the first script is still downloading:
 *   - the screen's chunk and the chunks it imports, as module preloads (from Vite's build
 *     manifest, client/dist/.vite/manifest.json), and its stylesheets as style preloads;
 *   - for a document a signed-in member opens, the reads its screen starts with
 *     (common/document-reads.ts), as fetch preloads the browser hands to those same requests;
 *   - for any page a signed-in visitor opens, the session check's reads (common/session-reads.ts),
 *     which the app otherwise starts only once its first script has run.
 * A visitor who is not signed in, or not a member of the document's workspace, gets no data
 * hint: the page says nothing about a document they cannot read.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Request } from "express";
import { documentScreenReads } from "../../common/document-reads.ts";
import { sessionCheckReads } from "../../common/session-reads.ts";

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/**
 * Screens worth hinting, by the first path segments of their links, and their modules; `document`
 * names the document whose reads the screen starts with.
 */
const SCREENS: Array<{ match: (parts: string[]) => boolean; module: string; document?: (parts: string[]) => string }> = [
  { match: (p) => p.length === 2 && p[0] === "d", module: "src/features/document/DocumentPage.tsx", document: (p) => p[1]! },
  { match: (p) => p.length === 0, module: "src/features/workspaces/WorkspacesPage.tsx" },
  { match: (p) => (p.length === 2 || p.length === 3) && p[0] === "w", module: "src/features/workspaces/WorkspacePage.tsx" },
];

export interface ScreenAssets {
  scripts: string[];
  styles: string[];
}

const NO_ASSETS: ScreenAssets = { scripts: [], styles: [] };

/** The files a module's chunk needs (itself and what it imports, depth first), minus the entry's own. */
export function screenAssets(manifest: Manifest, module: string): ScreenAssets {
  const entry = Object.values(manifest).find((c) => c.isEntry);
  const loaded = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(key)) return;
    into.add(key);
    for (const k of chunk.imports ?? []) walk(k, into);
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k] === entry);
  if (entryKey) walk(entryKey, loaded);
  const own = new Set<string>();
  walk(module, own);
  const keys = [...own].filter((k) => !loaded.has(k));
  const entryCss = new Set([...loaded].flatMap((k) => manifest[k]?.css ?? []));
  return {
    scripts: keys.map((k) => `/${manifest[k]!.file}`),
    styles: [...new Set(keys.flatMap((k) => manifest[k]!.css ?? []))].filter((f) => !entryCss.has(f)).map((f) => `/${f}`),
  };
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The link tags for a screen's assets and its data reads (paths under /api). */
export function hintTags(assets: ScreenAssets, reads: string[]): string {
  return [
    ...reads.map((p) => `<link rel="preload" as="fetch" crossorigin href="${attr(`/api${p}`)}">`),
    ...assets.scripts.map((f) => `<link rel="modulepreload" crossorigin href="${attr(f)}">`),
    ...assets.styles.map((f) => `<link rel="preload" as="style" crossorigin href="${attr(f)}">`),
  ].join("");
}

/** Who is asking, and which document's workspace they may read: answered by the app. */
export interface PageHintSource {
  /** Whether the request comes from a signed-in visitor. */
  signedIn(req: Request): boolean;
  /** The workspace of `documentId` when the request's user may read it, else null. */
  documentWorkspace(req: Request, documentId: string): Promise<string | null>;
}

export interface PageHints {
  /** The page for `req`, with the hints for its screen (the plain page when none apply). */
  page(req: Request): Promise<string>;
}

/** Reads client/dist's page and manifest (again when either file changes on disk). */
export function pageHints(dist: string, source: PageHintSource): PageHints {
  const indexFile = join(dist, "index.html");
  const manifestFile = join(dist, ".vite", "manifest.json");
  let cached: { key: string; html: string; manifest: Manifest | null } | null = null;
  const load = () => {
    const stamp = (f: string) => {
      try {
        const s = statSync(f);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return "-";
      }
    };
    const key = `${stamp(indexFile)}|${stamp(manifestFile)}`;
    if (cached?.key !== key) {
      let manifest: Manifest | null = null;
      try {
        manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
      } catch {
        // A build without a manifest: the page goes out without hints.
      }
      cached = { key, html: readFileSync(indexFile, "utf8"), manifest };
    }
    return cached;
  };
  return {
    async page(req) {
      const { html, manifest } = load();
      const session = source.signedIn(req) ? sessionCheckReads() : [];
      const withTags = (tags: string) => (tags ? html.replace("</head>", `${tags}</head>`) : html);
      let parts: string[];
      try {
        parts = req.path.split("/").filter(Boolean).map(decodeURIComponent);
      } catch {
        return withTags(hintTags(NO_ASSETS, session));
      }
      const screen = SCREENS.find((s) => s.match(parts));
      if (!screen || !manifest) return withTags(hintTags(NO_ASSETS, session));
      let reads: string[] = [];
      const documentId = screen.document?.(parts);
      if (documentId) {
        // The page is what matters: a failed lookup only leaves the hint out.
        const workspaceId = await source.documentWorkspace(req, documentId).catch(() => null);
        if (workspaceId) reads = documentScreenReads(documentId, workspaceId);
      }
      return withTags(hintTags(screenAssets(manifest, screen.module), [...session, ...reads]));
    },
  };
}
