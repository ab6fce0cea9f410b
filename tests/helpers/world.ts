/**
 * Set-up written once for both transports: workspaces, members in roles, imported documents and
 * anchors on their text, and `buildWorld`, which makes all of them in one call.
 */
import { articleText, DETERRENCE, type Article, type ArticleFormat } from "../fixtures/deterrence.ts";
import type { Client, Role, SignUpOptions, Transport } from "./client.ts";

export interface Paragraph {
  id: string;
  text: string;
  kind: string;
  position: number;
}

/** An import's content: an article fixture laid out in a format, or any text. */
export type DocumentSource = { article: Article; format?: ArticleFormat; title?: string } | { content: string; format: ArticleFormat | "html"; title?: string };

export interface ImportedDocument {
  id: string;
  paragraphs: Paragraph[];
}

/** A member of a world: a role, or a role and a display name other than the member's key. */
export type MemberSpec = Role | { role: Role; displayName: string };

export interface WorldOptions<N extends string> {
  /** Members by key (also their display name unless given), in the order they join. */
  members?: Record<N, MemberSpec>;
  /** The document to import; the deterrence article as plain text by default; null for none. */
  document?: DocumentSource | null;
  /** The workspace's name. */
  workspace?: string;
  owner?: SignUpOptions;
}

export interface World<C extends Client, N extends string> {
  workspaceId: string;
  /** "" when the world was built without a document. */
  documentId: string;
  paragraphs: Paragraph[];
  owner: C;
  /** The owner (as `owner`) and every member, by key. */
  users: Record<N | "owner", C>;
  /** An anchor on the document's text; see `anchorOn`. */
  anchor(text: string, endText?: string, nth?: number): Anchor;
}

export interface Anchor {
  start: { paragraphId: string; offset: number };
  end: { paragraphId: string; offset: number };
}

/**
 * An anchor spanning `text` in the `nth` paragraph containing it, or from there to the end of
 * `endText` in the first paragraph containing that.
 */
export function anchorOn(paragraphs: ReadonlyArray<{ id: string; text: string }>, text: string, endText?: string, nth = 0): Anchor {
  const p = paragraphs.filter((x) => x.text.includes(text))[nth];
  if (!p) throw new Error(`no paragraph ${nth > 0 ? `#${nth + 1} ` : ""}contains ${JSON.stringify(text)}`);
  const start = p.text.indexOf(text);
  if (endText === undefined) return { start: { paragraphId: p.id, offset: start }, end: { paragraphId: p.id, offset: start + text.length } };
  const q = paragraphs.find((x) => x.text.includes(endText));
  if (!q) throw new Error(`no paragraph contains ${JSON.stringify(endText)}`);
  return { start: { paragraphId: p.id, offset: start }, end: { paragraphId: q.id, offset: q.text.indexOf(endText) + endText.length } };
}

/** Creates a workspace owned by `owner` and returns its id. */
export async function createWorkspace(owner: Client, name = "Desk"): Promise<string> {
  const { workspace } = await owner.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name });
  return workspace.id;
}

/** Invites `member` into the workspace with `role` (as `inviter`) and accepts the invite. */
export async function addMember(inviter: Client, workspaceId: string, member: Client, role: Role): Promise<void> {
  const { token } = await inviter.ok<{ token: string }>("POST", `/api/workspaces/${workspaceId}/invites`, { role });
  await member.ok("POST", `/api/invites/${token}/accept`, undefined, [200]);
}

/** Imports a document into the workspace (as JSON) and reads back its paragraphs. */
export async function importDocument(by: Client, workspaceId: string, source: DocumentSource = { article: DETERRENCE }): Promise<ImportedDocument> {
  const { format, content } = "article" in source ? { format: source.format ?? "txt", content: articleText(source.article, source.format) } : source;
  const { document } = await by.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspaceId}/documents`, { format, content, ...(source.title ? { title: source.title } : {}) }, [201]);
  const { paragraphs } = await by.ok<{ paragraphs: Paragraph[] }>("GET", `/api/documents/${document.id}`);
  return { id: document.id, paragraphs };
}

/**
 * An owner, a workspace with `members` in their roles, and a document in it: what most tests
 * start from. Accounts are registered in parallel; members join in the order given.
 */
export async function buildWorld<C extends Client, N extends string = never>(transport: Transport<C>, opts: WorldOptions<N> = {}): Promise<World<C, N>> {
  const specs = Object.entries(opts.members ?? {}) as [N, MemberSpec][];
  const [owner, ...members] = await Promise.all([
    transport.signUp({ displayName: "Owner", ...opts.owner }),
    ...specs.map(([key, spec]) => transport.signUp({ displayName: typeof spec === "string" ? key : spec.displayName })),
  ]);
  const workspaceId = await createWorkspace(owner!, opts.workspace);
  const users = { owner: owner! } as Record<N | "owner", C>;
  for (const [i, [key, spec]] of specs.entries()) {
    await addMember(owner!, workspaceId, members[i]!, typeof spec === "string" ? spec : spec.role);
    users[key] = members[i]!;
  }
  const document = opts.document === null ? null : await importDocument(owner!, workspaceId, opts.document);
  const paragraphs = document?.paragraphs ?? [];
  return {
    workspaceId,
    documentId: document?.id ?? "",
    paragraphs,
    owner: owner!,
    users,
    anchor: (text, endText, nth) => anchorOn(paragraphs, text, endText, nth),
  };
}
