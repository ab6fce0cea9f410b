/**
 * The authorization matrix: every REST route the app's router declares and every client socket
 * event, called by each kind of caller, against one server and one seeded world.
 *
 * Callers: no session; a member of ANOTHER workspace naming this workspace's ids; a viewer, an
 * analyst, an editor and the owner of this workspace. What each may do comes from the shared
 * policy (common/policy.ts), not from the code under test: each row names the policy action its
 * route needs, and the expected answer is derived with `can(role, action)`.
 *
 * For every row: no session is 401; the outsider gets 404 with the very answer a missing id gets;
 * roles the policy refuses get 403; and across all those refused calls nothing was written (every
 * table read back, Session aside) and no event reached a socket watching the workspace. Then each
 * role the policy allows gets through (on a fresh target when the call consumes one).
 *
 * The route list is read from the app's router at run time (tests/helpers/app-routes.ts, as the
 * fuzz suite does: routes declared in loops included); a route missing from the table fails the run.
 * The socket events come from MUTATION_NAMES and the handlers' own `on("…")` calls.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type WorkspaceAction } from "../../common/policy.ts";
import { MUTATION_NAMES, type MutationName } from "../../common/realtime.ts";
import type { Role } from "../../common/workspaces.ts";
import { rawQuery } from "../../server/db/raw.ts";
import { discoverSocketEvents } from "../helpers/fuzz-kit.ts";
import {
  addMember,
  appTransport,
  buildTestApp,
  buildWorld,
  createWorkspace,
  connected,
  eventually,
  handshake,
  httpTransport,
  importDocument,
  pause,
  startTestServer,
  type AppClient,
  type Answer,
  type ClientSocket,
  type HttpClient,
  type TestApp,
  type TestServer,
  type World,
} from "../helpers/kit.ts";
import { declaredRoutes } from "../helpers/app-routes.ts";

let server: TestServer;
let transport: ReturnType<typeof httpTransport>;
type Member = "eve" | "ana" | "vic" | "pat" | "mo";
let A: World<HttpClient, Member>;
let B: World<HttpClient, never>;
let anon: HttpClient;
/** Every id of workspace A's fixtures, so the "missing id" twin of a call can replace them. */
const aIds = new Set<string>();
const opened: ClientSocket[] = [];

const ROLES: Record<"owner" | "eve" | "ana" | "vic", Role> = { owner: "owner", eve: "editor", ana: "analyst", vic: "viewer" };
type RoleActor = keyof typeof ROLES;
const roleActors = Object.keys(ROLES) as RoleActor[];
const clientOf = (a: RoleActor): HttpClient => (a === "owner" ? A.owner : A.users[a]);

/** Fixture ids in workspace A (the one under test) and B (the outsider's). */
const fx = {
  doc2: "",
  tag: "",
  tag2: "",
  comment: "",
  claim: "",
  reply: "",
  webhook: "",
  delivery: "",
  invite: "",
  inviteToken: "",
  jsonld: "",
  b: { tag: "", annotation: "", claim: "", reply: "", webhook: "", delivery: "", invite: "" },
};

// ---------------------------------------------------------------------------------------------
// Seeding helpers
// ---------------------------------------------------------------------------------------------

const hex = () => randomBytes(5).toString("hex");
const track = <T extends string>(id: T): T => {
  aIds.add(id);
  return id;
};

type Placed = { documentId: string; paragraphs: { id: string; text: string }[] };

function anchorIn(world: Placed, nth = 1) {
  const withText = world.paragraphs.filter((x) => x.text.trim().length > 20);
  const p = withText[nth % withText.length]!;
  // No quote: an accepted suggestion may have changed the words since.
  return { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 10 } };
}

async function annotate(world: Placed, by: HttpClient, kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { annotation } = await by.ok<{ annotation: { id: string } }>("POST", `/api/documents/${world.documentId}/annotations`, { kind, body: `${kind} ${hex()}`, anchor: anchorIn(world), ...extra });
  return annotation.id;
}
async function replyOn(annotationId: string, by: HttpClient): Promise<string> {
  const { reply } = await by.ok<{ reply: { id: string } }>("POST", `/api/annotations/${annotationId}/replies`, { body: "a reply", stance: "questions" });
  return reply.id;
}
async function tagIn(world: World<HttpClient, string>): Promise<string> {
  const { tag } = await world.owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: `tag-${hex()}` });
  return tag.id;
}
async function webhookIn(world: World<HttpClient, string>): Promise<{ webhook: string; delivery: string }> {
  const { webhook } = await world.owner.ok<{ webhook: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/webhooks`, { url: "http://127.0.0.1:9/hook", events: ["annotation.created"] });
  const { delivery } = await world.owner.ok<{ delivery: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/webhooks/${webhook.id}/test`, undefined, [202]);
  return { webhook: webhook.id, delivery: delivery.id };
}
async function inviteIn(world: World<HttpClient, string>, role = "viewer"): Promise<{ id: string; token: string }> {
  const { token, invite } = await world.owner.ok<{ token: string; invite: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role });
  return { id: invite.id, token };
}
async function scratchDocument(): Promise<string> {
  const { document } = await A.owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${A.workspaceId}/documents`, { format: "md", content: `# Scratch ${hex()}\n\nA paragraph to change.` });
  return track(document.id);
}
async function paragraphOf(documentId: string): Promise<{ id: string; version: number }> {
  const { paragraphs } = await A.owner.ok<{ paragraphs: { id: string; kind: string; version?: number }[] }>("GET", `/api/documents/${documentId}`);
  const p = paragraphs.find((x) => x.kind === "paragraph") ?? paragraphs[paragraphs.length - 1]!;
  return { id: track(p.id), version: p.version ?? 1 };
}
async function claimVersion(annotationId: string): Promise<number> {
  const { annotations } = await A.owner.ok<{ annotations: { id: string; claim: { version: number } | null }[] }>("GET", `/api/documents/${A.documentId}/annotations`);
  return annotations.find((a) => a.id === annotationId)!.claim!.version;
}
async function newMember(role: Role = "analyst"): Promise<HttpClient> {
  const user = await transport.signUp({ displayName: `m-${hex()}` });
  await addMember(A.owner, A.workspaceId, user, role);
  return user;
}

// ---------------------------------------------------------------------------------------------
// Nothing written, nothing sent
// ---------------------------------------------------------------------------------------------

/** Tables read back whole; Session is touched by every request. Outbox rows change as they are sent: counted only. */
const TABLES = [
  "User",
  "Workspace",
  "Membership",
  "Invite",
  "Document",
  "DocumentVersion",
  "ParagraphRevision",
  "AnchorRevision",
  "Suggestion",
  "Paragraph",
  "DocumentEvent",
  "WorkspaceEvent",
  "ClientMutation",
  "Tag",
  "Annotation",
  "AnnotationTag",
  "Reply",
  "ClaimReview",
  "ClaimReviewChange",
  "Notification",
  "NotificationSettings",
  "Webhook",
];
const COUNTED = ["EmailOutbox", "WebhookDelivery"];

async function fingerprint(): Promise<Record<string, string>> {
  if (server.database.provider === "postgresql") {
    // One round trip: each table's rows as text, hashed by the server.
    const sql = [
      ...TABLES.map((t) => `SELECT '${t}' AS t, COUNT(*) || ':' || md5(COALESCE(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM "${t}" x`),
      ...COUNTED.map((t) => `SELECT '${t}' AS t, COUNT(*)::text AS h FROM "${t}"`),
    ].join(" UNION ALL ");
    const rows = await rawQuery<{ t: string; h: string }>(server.db, "postgresql", sql, []);
    return Object.fromEntries(rows.map((r) => [r.t, r.h]));
  }
  const out: Record<string, string> = {};
  const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
  await Promise.all([
    ...TABLES.map(async (t) => {
      const rows = await rawQuery<Record<string, unknown>>(server.db, server.database.provider, `SELECT * FROM "${t}"`, []);
      const lines = rows.map((r) => JSON.stringify(r, replacer)).sort();
      out[t] = `${rows.length}:${createHash("sha1").update(lines.join("\n")).digest("hex")}`;
    }),
    ...COUNTED.map(async (t) => {
      const [row] = await rawQuery<{ n: number | string | bigint }>(server.db, server.database.provider, `SELECT COUNT(*) AS n FROM "${t}"`, []);
      out[t] = String(row!.n);
    }),
  ]);
  return out;
}

/** A socket of A's owner joined to A's document and workspace: every event that reaches A's people reaches it. */
const heard: string[] = [];

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** Who a route is for: anyone, anyone signed in, or the members whose role the policy allows `action`. */
type Who = { public: string } | "signedIn" | WorkspaceAction;

interface Target {
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: { filename: string; bytes: Uint8Array };
  /** The same call as a socket event payload (mutations only). */
  socket?: unknown;
}

interface Row {
  route: string;
  who: Who;
  /** The socket event that runs the same mutation. */
  event?: MutationName;
  /** The call; `fresh` asks for a new target (an allowed call may consume it). */
  target: (fresh: boolean) => Promise<Target> | Target;
  /** What an allowed caller gets, when not 2xx (the call is refused for its input, after authorization). */
  allowedStatus?: number;
}

const ws = () => `/api/workspaces/${A.workspaceId}`;
const doc = (id = A.documentId) => `/api/documents/${id}`;

const ROWS: Row[] = [
  { route: "GET /healthz", who: { public: "liveness probe" }, target: () => ({ path: "/healthz" }) },
  { route: "GET /readyz", who: { public: "readiness probe" }, target: () => ({ path: "/readyz" }) },
  { route: "GET /metrics", who: { public: "bearer METRICS_TOKEN when configured; none in tests" }, target: () => ({ path: "/metrics" }) },

  { route: "GET /api/auth/csrf", who: { public: "makes the session" }, target: () => ({ path: "/api/auth/csrf" }) },
  { route: "POST /api/auth/register", who: { public: "makes an account" }, target: () => ({ path: "/api/auth/register", body: { email: `mx-${hex()}@example.org`, password: "correct horse battery", displayName: "Matrix" } }) },
  { route: "POST /api/auth/login", who: { public: "signs in" }, target: () => ({ path: "/api/auth/login", body: { email: "nobody@example.org", password: "wrong password here" } }), allowedStatus: 401 },
  { route: "POST /api/auth/logout", who: { public: "ends the caller's own session (tested in auth.test.ts)" }, target: () => ({ path: "/api/auth/logout" }) },
  { route: "GET /api/auth/me", who: "signedIn", target: () => ({ path: "/api/auth/me" }) },

  { route: "POST /api/workspaces", who: "signedIn", target: () => ({ path: "/api/workspaces", body: { name: `Own ${hex()}` } }) },
  { route: "GET /api/workspaces", who: "signedIn", target: () => ({ path: "/api/workspaces" }) },
  { route: "GET /api/workspaces/:id", who: "workspace.read", target: () => ({ path: ws() }) },
  { route: "PATCH /api/workspaces/:id", who: "workspace.rename", target: () => ({ path: ws(), body: { name: "Matrix desk" } }) },
  { route: "GET /api/workspaces/:id/members", who: "member.list", target: () => ({ path: `${ws()}/members` }) },
  {
    route: "PATCH /api/workspaces/:id/members/:userId",
    who: "member.changeRole",
    target: () => ({ path: `${ws()}/members/${A.users.pat.id}`, body: { role: "viewer" } }),
  },
  {
    route: "DELETE /api/workspaces/:id/members/:userId",
    who: "member.remove",
    target: async (fresh) => ({ path: `${ws()}/members/${fresh ? track((await newMember()).id) : A.users.pat.id}` }),
  },
  { route: "POST /api/workspaces/:id/invites", who: "invite.create", target: () => ({ path: `${ws()}/invites`, body: { role: "viewer" } }) },
  { route: "GET /api/workspaces/:id/invites", who: "invite.list", target: () => ({ path: `${ws()}/invites` }) },
  {
    route: "DELETE /api/workspaces/:id/invites/:inviteId",
    who: "invite.revoke",
    target: async (fresh) => ({ path: `${ws()}/invites/${fresh ? track((await inviteIn(A)).id) : fx.invite}` }),
  },
  // The token is the capability: anyone signed in may read it and accept it (the outsider joins).
  // Accepting is in its own test below, where a member already in gets 409.
  { route: "GET /api/invites/:token", who: "signedIn", target: () => ({ path: `/api/invites/${fx.inviteToken}` }) },
  {
    route: "POST /api/invites/:token/accept",
    who: { public: "the token is the capability; tested below: 401 without a session, 409 for members, an outsider joins" },
    target: async () => ({ path: `/api/invites/${(await inviteIn(A)).token}/accept` }),
  },

  { route: "POST /api/workspaces/:id/documents", who: "document.import", target: () => ({ path: `${ws()}/documents`, body: { format: "md", content: `# Imported ${hex()}\n\nText.` } }) },
  { route: "GET /api/workspaces/:id/documents", who: "document.read", target: () => ({ path: `${ws()}/documents` }) },
  { route: "GET /api/documents/:id", who: "document.read", target: () => ({ path: doc() }) },
  { route: "DELETE /api/documents/:id", who: "document.delete", target: async (fresh) => ({ path: doc(fresh ? await scratchDocument() : fx.doc2) }) },

  {
    route: "POST /api/documents/:id/edits",
    who: "document.edit",
    event: "document:edit",
    target: () => {
      const ops = [{ op: "insert", after: null, paragraphs: [{ kind: "paragraph", text: `Inserted ${hex()}` }] }];
      return { path: `${doc(fx.doc2)}/edits`, body: { ops }, socket: { documentId: fx.doc2, ops } };
    },
  },
  {
    route: "PATCH /api/paragraphs/:id",
    who: "document.edit",
    event: "paragraph:update",
    target: async () => {
      const p = await paragraphOf(fx.doc2);
      const text = `Changed ${hex()}`;
      return { path: `/api/paragraphs/${p.id}`, body: { version: p.version, text }, socket: { paragraphId: p.id, version: p.version, text } };
    },
  },
  {
    route: "POST /api/annotations/:id/reattach",
    who: "annotation.moderate", // the owner's note: analysts reattach only their own
    event: "annotation:reattach",
    target: async (fresh) => {
      const id = fresh ? track(await annotate(A, A.owner, "comment")) : fx.comment;
      const body = { version: 1, anchor: anchorIn(A, 2) };
      return { path: `/api/annotations/${id}/reattach`, body, socket: { annotationId: id, ...body } };
    },
  },
  {
    route: "POST /api/annotations/:id/dismiss",
    who: "annotation.moderate",
    event: "annotation:dismiss",
    // Only an orphaned note can be dismissed: an allowed caller is past authorization and gets 400.
    allowedStatus: 400,
    target: () => ({ path: `/api/annotations/${fx.comment}/dismiss`, body: { version: 1 }, socket: { annotationId: fx.comment, version: 1 } }),
  },
  ...(["accept", "reject"] as const).map(
    (d): Row => ({
      route: `POST /api/annotations/:id/suggestion/${d}`,
      who: "document.edit",
      event: `suggestion:${d}`,
      target: async () => {
        // A fresh suggestion every time: an accepted one changes the text it was made on.
        const id = track(await annotate(A, A.users.ana, "suggestion", { replacement: "replaced" }));
        return { path: `/api/annotations/${id}/suggestion/${d}`, body: { version: 1 }, socket: { annotationId: id, version: 1 } };
      },
    }),
  ),
  { route: "GET /api/documents/:id/versions", who: "document.read", target: () => ({ path: `${doc()}/versions` }) },
  { route: "GET /api/documents/:id/diff", who: "document.read", target: () => ({ path: `${doc(fx.doc2)}/diff?from=1&to=2` }) },
  {
    route: "POST /api/documents/:id/revisions",
    who: "document.edit",
    target: () => ({ path: `${doc(fx.doc2)}/revisions`, upload: { filename: "revised.md", bytes: new TextEncoder().encode(`# Scratch\n\nA revised paragraph ${hex()}.`) } }),
  },
  { route: "GET /api/documents/:id/export", who: "document.read", target: () => ({ path: `${doc()}/export?format=md` }) },
  { route: "POST /api/documents/:id/annotations/import", who: "annotation.create", target: () => ({ path: `${doc()}/annotations/import`, body: JSON.parse(fx.jsonld) as unknown }) },

  { route: "GET /api/documents/:id/annotations", who: "document.read", target: () => ({ path: `${doc()}/annotations` }) },
  { route: "GET /api/annotations/:id/replies", who: "document.read", target: () => ({ path: `/api/annotations/${fx.comment}/replies` }) },
  {
    route: "POST /api/documents/:id/annotations",
    who: "annotation.create",
    event: "annotation:create",
    target: () => {
      const body = { kind: "comment", body: "a note", anchor: anchorIn(A) };
      return { path: `${doc()}/annotations`, body, socket: { documentId: A.documentId, ...body } };
    },
  },
  {
    route: "PATCH /api/annotations/:id",
    who: "annotation.moderate",
    event: "annotation:update",
    target: async (fresh) => {
      const id = fresh ? track(await annotate(A, A.owner, "comment")) : fx.comment;
      return { path: `/api/annotations/${id}`, body: { version: 1, body: "edited" }, socket: { annotationId: id, version: 1, body: "edited" } };
    },
  },
  {
    route: "DELETE /api/annotations/:id",
    who: "annotation.moderate",
    event: "annotation:delete",
    target: async (fresh) => {
      const id = fresh ? track(await annotate(A, A.owner, "comment")) : fx.comment;
      return { path: `/api/annotations/${id}?version=1`, socket: { annotationId: id, version: 1 } };
    },
  },
  {
    route: "POST /api/annotations/:id/replies",
    who: "annotation.create",
    event: "reply:create",
    target: () => ({ path: `/api/annotations/${fx.comment}/replies`, body: { body: "reply" }, socket: { annotationId: fx.comment, body: "reply" } }),
  },
  {
    route: "PATCH /api/replies/:id",
    who: "annotation.moderate",
    event: "reply:update",
    target: async (fresh) => {
      const id = fresh ? track(await replyOn(fx.comment, A.owner)) : fx.reply;
      return { path: `/api/replies/${id}`, body: { version: 1, body: "changed" }, socket: { replyId: id, version: 1, body: "changed" } };
    },
  },
  {
    route: "DELETE /api/replies/:id",
    who: "annotation.moderate",
    event: "reply:delete",
    target: async (fresh) => {
      const id = fresh ? track(await replyOn(fx.comment, A.owner)) : fx.reply;
      return { path: `/api/replies/${id}?version=1`, socket: { replyId: id, version: 1 } };
    },
  },
  { route: "GET /api/documents/:id/events", who: "document.read", target: () => ({ path: `${doc()}/events?after=0&limit=10` }) },

  { route: "GET /api/workspaces/:id/tags", who: "document.read", target: () => ({ path: `${ws()}/tags` }) },
  {
    route: "POST /api/workspaces/:id/tags",
    who: "tag.manage",
    event: "tag:create",
    target: () => {
      const name = `New ${hex()}`;
      return { path: `${ws()}/tags`, body: { name }, socket: { workspaceId: A.workspaceId, name } };
    },
  },
  {
    route: "PATCH /api/tags/:id",
    who: "tag.manage",
    event: "tag:update",
    target: async (fresh) => {
      const id = fresh ? track(await tagIn(A)) : fx.tag;
      const body = { version: 1, name: `Renamed ${hex()}` };
      return { path: `/api/tags/${id}`, body, socket: { tagId: id, ...body } };
    },
  },
  {
    route: "POST /api/tags/:id/merge",
    who: "tag.manage",
    event: "tag:merge",
    target: async (fresh) => {
      const [id, into] = fresh ? [track(await tagIn(A)), track(await tagIn(A))] : [fx.tag, fx.tag2];
      return { path: `/api/tags/${id}/merge`, body: { intoTagId: into }, socket: { tagId: id, intoTagId: into } };
    },
  },

  { route: "GET /api/documents/:id/activity", who: "document.read", target: () => ({ path: `${doc()}/activity` }) },
  { route: "GET /api/workspaces/:id/activity", who: "document.read", target: () => ({ path: `${ws()}/activity` }) },
  { route: "GET /api/annotations/:id/history", who: "document.read", target: () => ({ path: `/api/annotations/${fx.comment}/history` }) },
  { route: "GET /api/workspaces/:id/audit", who: "audit.read", target: () => ({ path: `${ws()}/audit` }) },
  { route: "GET /api/workspaces/:id/search", who: "document.read", target: () => ({ path: `${ws()}/search?q=treaty` }) },

  {
    route: "POST /api/annotations/:id/review",
    who: "claim.decide", // the owner's claim: an analyst moves only their own
    event: "claim:review",
    target: async (fresh) => {
      const id = fresh ? track(await annotate(A, A.owner, "claim")) : fx.claim;
      const body = { version: await claimVersion(id), status: "in_review" };
      return { path: `/api/annotations/${id}/review`, body, socket: { annotationId: id, ...body } };
    },
  },
  {
    route: "POST /api/annotations/:id/assign",
    who: "claim.assign",
    event: "claim:assign",
    target: async (fresh) => {
      const id = fresh ? track(await annotate(A, A.owner, "claim")) : fx.claim;
      const body = { version: await claimVersion(id), assigneeId: A.users.eve.id };
      return { path: `/api/annotations/${id}/assign`, body, socket: { annotationId: id, ...body } };
    },
  },
  {
    route: "POST /api/documents/:id/claims/bulk",
    who: "claim.assign",
    event: "claims:bulk",
    target: () => {
      const body = { annotationIds: [fx.claim], action: "assign", assigneeId: A.users.ana.id };
      return { path: `${doc()}/claims/bulk`, body, socket: { documentId: A.documentId, ...body } };
    },
  },
  {
    route: "POST /api/workspaces/:id/claims/bulk",
    who: "claim.assign",
    target: () => ({ path: `${ws()}/claims/bulk`, body: { annotationIds: [fx.claim], action: "assign", assigneeId: null } }),
  },
  { route: "GET /api/annotations/:id/review/history", who: "document.read", target: () => ({ path: `/api/annotations/${fx.claim}/review/history` }) },
  { route: "GET /api/me/review-queue", who: "signedIn", target: () => ({ path: "/api/me/review-queue" }) },
  { route: "GET /api/documents/:id/claims", who: "document.read", target: () => ({ path: `${doc()}/claims` }) },
  { route: "GET /api/documents/:id/claims/stats", who: "document.read", target: () => ({ path: `${doc()}/claims/stats` }) },
  { route: "GET /api/workspaces/:id/claims", who: "document.read", target: () => ({ path: `${ws()}/claims` }) },
  { route: "GET /api/workspaces/:id/claims/stats", who: "document.read", target: () => ({ path: `${ws()}/claims/stats` }) },

  { route: "GET /api/notifications", who: "signedIn", target: () => ({ path: "/api/notifications" }) },
  { route: "GET /api/notifications/unread-count", who: "signedIn", target: () => ({ path: "/api/notifications/unread-count" }) },
  { route: "POST /api/notifications/read", who: "signedIn", target: () => ({ path: "/api/notifications/read", body: { ids: ["n_unknown"] } }) },
  { route: "POST /api/notifications/read-all", who: "signedIn", target: () => ({ path: "/api/notifications/read-all", body: {} }) },
  { route: "GET /api/me/notification-settings", who: "signedIn", target: () => ({ path: "/api/me/notification-settings" }) },
  {
    route: "PUT /api/me/notification-settings",
    who: "signedIn",
    target: () => ({ path: "/api/me/notification-settings", body: { kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true }, email: "off" } }),
  },

  { route: "GET /api/workspaces/:id/webhooks", who: "webhook.manage", target: () => ({ path: `${ws()}/webhooks` }) },
  { route: "POST /api/workspaces/:id/webhooks", who: "webhook.manage", target: () => ({ path: `${ws()}/webhooks`, body: { url: "http://127.0.0.1:9/new", events: ["annotation.created"] } }) },
  { route: "GET /api/workspaces/:id/webhooks/:webhookId", who: "webhook.manage", target: () => ({ path: `${ws()}/webhooks/${fx.webhook}` }) },
  {
    route: "PATCH /api/workspaces/:id/webhooks/:webhookId",
    who: "webhook.manage",
    target: async (fresh) => {
      const id = fresh ? track((await webhookIn(A)).webhook) : fx.webhook;
      return { path: `${ws()}/webhooks/${id}`, body: { version: 1, description: "changed" } };
    },
  },
  {
    route: "DELETE /api/workspaces/:id/webhooks/:webhookId",
    who: "webhook.manage",
    target: async (fresh) => ({ path: `${ws()}/webhooks/${fresh ? track((await webhookIn(A)).webhook) : fx.webhook}` }),
  },
  { route: "GET /api/workspaces/:id/webhooks/:webhookId/deliveries", who: "webhook.manage", target: () => ({ path: `${ws()}/webhooks/${fx.webhook}/deliveries` }) },
  { route: "POST /api/workspaces/:id/webhooks/:webhookId/test", who: "webhook.manage", target: () => ({ path: `${ws()}/webhooks/${fx.webhook}/test` }) },
  {
    route: "POST /api/workspaces/:id/webhooks/:webhookId/deliveries/:deliveryId/redeliver",
    who: "webhook.manage",
    target: () => ({ path: `${ws()}/webhooks/${fx.webhook}/deliveries/${fx.delivery}/redeliver` }),
  },
];

// ---------------------------------------------------------------------------------------------
// The routes the app declares, read from its router
// ---------------------------------------------------------------------------------------------

/** "METHOD /path" for every route in the app's router. */
function declaredRouteNames(): string[] {
  return declaredRoutes(server.built.app).map((r) => `${r.method} ${r.path}`);
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

function send(client: HttpClient, method: string, t: Target): Promise<Answer> {
  if (t.upload) return client.upload(t.path, t.upload.filename, t.upload.bytes);
  return client.send({ method, path: t.path, body: t.body === undefined ? undefined : JSON.stringify(t.body), contentType: t.body === undefined ? null : "application/json" });
}

/** The same call with every id of workspace A swapped for one that exists nowhere. */
function missingTwin<T>(value: T): T {
  let json = JSON.stringify(value);
  for (const id of [...aIds].sort((a, b) => b.length - a.length)) json = json.split(id).join(`zz${id.slice(2, 6)}missing${hex()}`.slice(0, id.length + 8));
  return JSON.parse(json) as T;
}

const answerOf = (res: Answer) => ({ status: res.status, error: (res.body as { error?: { code?: string; message?: string } } | null)?.error ?? res.text.slice(0, 200) });

interface AckError {
  ok: false;
  error: { status: number; code: string; message: string };
}
type AnyAck = { ok: true; result: unknown } | AckError;

const sockets = {} as Record<RoleActor | "outsider", ClientSocket>;
function emit(socket: ClientSocket, event: string, payload: unknown): Promise<AnyAck> {
  return (socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<AnyAck> }).emitWithAck(event, payload);
}
const ackStatus = (ack: AnyAck) => (ack.ok ? 200 : ack.error.status);

async function assertNothingHappened(before: Record<string, string>, heardBefore: number, what: string): Promise<void> {
  await pause(30);
  expect(await fingerprint(), `${what}: a refused call wrote to the database`).toEqual(before);
  expect(heard.slice(heardBefore), `${what}: a refused call sent events`).toEqual([]);
}

const isAllowed = (who: Who, actor: RoleActor) => (typeof who === "string" && who !== "signedIn" ? can(ROLES[actor], who) : true);

// ---------------------------------------------------------------------------------------------
// Set-up: one server, workspace A with a member in every role, workspace B of the outsider
// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer({
    env: { WEBHOOK_ALLOW_PRIVATE: "true", DISPATCH_INTERVAL_MS: "60000" },
    registerPerHour: 1_000_000,
    loginLimits: { perAccount: 1_000_000, perIp: 1_000_000, windowSeconds: 60 },
    realtime: { burst: 1_000_000, perSecond: 1_000_000 },
  });
  transport = httpTransport(server.url);
  anon = transport.anonymous();
  // The members join side by side (buildWorld adds them one after another).
  const MEMBERS: Record<Member, Role> = { eve: "editor", ana: "analyst", vic: "viewer", pat: "analyst", mo: "analyst" };
  const [a, b, ...people] = await Promise.all([
    buildWorld(transport, { workspace: "Desk A" }),
    buildWorld(transport, { workspace: "Desk B", owner: { displayName: "Bob" } }),
    ...Object.keys(MEMBERS).map((name) => transport.signUp({ displayName: name })),
  ]);
  A = a as World<HttpClient, Member>;
  B = b;
  await Promise.all(
    (Object.entries(MEMBERS) as [Member, Role][]).map(async ([name, role], i) => {
      await addMember(A.owner, A.workspaceId, people[i]!, role);
      A.users[name] = people[i]!;
    }),
  );
  for (const id of [A.workspaceId, A.documentId, ...A.paragraphs.map((p) => p.id), ...Object.values(A.users).map((u) => u.id)]) track(id);
  await Promise.all([
    (async () => {
      fx.doc2 = track((await importDocument(A.owner, A.workspaceId, { format: "md", content: "# Second\n\nThe second document of desk A, to edit and revise." })).id);
      const first = await paragraphOf(fx.doc2);
      await A.owner.ok("PATCH", `/api/paragraphs/${first.id}`, { version: first.version, text: "The second document, as changed once." });
    })(),
    (async () => {
      const [tag, tag2] = await Promise.all([tagIn(A), tagIn(A)]);
      fx.tag = track(tag);
      fx.tag2 = track(tag2);
    })(),
    (async () => {
      const [comment, claim] = await Promise.all([annotate(A, A.owner, "comment"), annotate(A, A.owner, "claim")]);
      fx.comment = track(comment);
      fx.claim = track(claim);
      fx.reply = track(await replyOn(fx.comment, A.owner));
      fx.jsonld = (await A.owner.request("GET", `${doc()}/export?format=jsonld`)).text;
    })(),
    (async () => {
      const hook = await webhookIn(A);
      fx.webhook = track(hook.webhook);
      fx.delivery = track(hook.delivery);
    })(),
    (async () => {
      const invite = await inviteIn(A);
      fx.invite = track(invite.id);
      fx.inviteToken = invite.token;
    })(),
    (async () => {
      fx.b.tag = await tagIn(B);
      [fx.b.annotation, fx.b.claim] = await Promise.all([annotate(B, B.owner, "comment"), annotate(B, B.owner, "claim")]);
      fx.b.reply = await replyOn(fx.b.annotation, B.owner);
    })(),
    (async () => {
      const bHook = await webhookIn(B);
      fx.b.webhook = bHook.webhook;
      fx.b.delivery = bHook.delivery;
      fx.b.invite = (await inviteIn(B)).id;
    })(),
  ]);

  // The watcher: A's owner, joined to both of A's documents (and so to A's workspace room).
  const watcher = A.owner.connect();
  opened.push(watcher);
  await connected(watcher);
  for (const id of [A.documentId, fx.doc2]) expect((await emit(watcher, "document:join", { documentId: id })).ok).toBe(true);
  expect((await emit(watcher, "workspace:join", { workspaceId: A.workspaceId })).ok).toBe(true);
  watcher.onAny((event: string) => heard.push(event));

  for (const a of roleActors) sockets[a] = clientOf(a).connect();
  sockets.outsider = B.owner.connect();
  opened.push(...Object.values(sockets));
  await Promise.all(Object.values(sockets).map((s) => connected(s)));
}, 60_000);

afterAll(async () => {
  for (const s of opened) s.disconnect();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

describe("authorization matrix", () => {
  it("the table has a row for every route the app's router declares, and no row for a route it does not", () => {
    const declared = declaredRouteNames();
    const tabled = ROWS.map((r) => r.route);
    expect(declared.length).toBeGreaterThanOrEqual(70);
    expect(declared.filter((d) => !tabled.includes(d)), "routes missing from the matrix").toEqual([]);
    expect(tabled.filter((t) => !declared.includes(t)), "rows for routes the app does not declare").toEqual([]);
  });

  it("the check that nothing was written sees a new row and a changed one", async () => {
    const before = await fingerprint();
    const tag = track(await tagIn(A));
    const added = await fingerprint();
    expect(added.Tag).not.toBe(before.Tag);
    await A.owner.ok("PATCH", `/api/tags/${tag}`, { version: 1, color: "#123456" });
    const changed = await fingerprint();
    expect(changed.Tag?.split(":")[0]).toBe(added.Tag?.split(":")[0]);
    expect(changed.Tag).not.toBe(added.Tag);
  });

  it("the table covers every client socket event", () => {
    const events = discoverSocketEvents(MUTATION_NAMES);
    const covered = new Set<string>([...ROWS.flatMap((r) => (r.event ? [r.event] : [])), ...SOCKET_EVENTS_TESTED_BELOW]);
    expect(events.filter((e) => !covered.has(e)), "socket events missing from the matrix").toEqual([]);
  });

  for (const row of ROWS) {
    const method = row.route.split(" ")[0]!;
    it(row.route, async () => {
      const who = row.who;
      if (typeof who === "object") {
        // Public: no session still gets an answer that is not a server fault.
        const res = await send(anon, method, await row.target(true));
        expect(res.status, `${row.route} without a session`).toBeLessThan(500);
        return;
      }
      const t = await row.target(false);
      const before = await fingerprint();
      const heardBefore = heard.length;

      // Every refused call at once: no session; a member of another workspace naming this
      // workspace's ids (and the same call with ids that exist nowhere); the roles the policy
      // refuses; and the same through the socket.
      const refusedRoles = roleActors.filter((a) => !isAllowed(who, a));
      const viaSocket = row.event !== undefined && t.socket !== undefined;
      const [noSession, foreign, missing, byRole, sockForeign, sockMissing, sockByRole] = await Promise.all([
        send(anon, method, t),
        who === "signedIn" ? null : send(B.owner, method, t),
        who === "signedIn" ? null : send(B.owner, method, missingTwin(t)),
        Promise.all(refusedRoles.map((a) => send(clientOf(a), method, t))),
        viaSocket ? emit(sockets.outsider, row.event!, t.socket) : null,
        viaSocket ? emit(sockets.outsider, row.event!, missingTwin(t.socket)) : null,
        viaSocket ? Promise.all(refusedRoles.map((a) => emit(sockets[a], row.event!, t.socket))) : [],
      ]);
      expect(answerOf(noSession).status, `${row.route} without a session`).toBe(401);
      if (foreign && missing) {
        expect(answerOf(foreign).status, `${row.route} by a member of another workspace`).toBe(404);
        expect(answerOf(foreign), `${row.route}: another workspace's id answered unlike a missing id`).toEqual(answerOf(missing));
      }
      byRole.forEach((res, i) => expect(answerOf(res), `${row.route} by the ${ROLES[refusedRoles[i]!]}`).toMatchObject({ status: 403 }));
      if (sockForeign && sockMissing) {
        expect(ackStatus(sockForeign), `${row.event} by a member of another workspace`).toBe(404);
        expect(sockForeign, `${row.event}: another workspace's id answered unlike a missing id`).toEqual(sockMissing);
      }
      sockByRole.forEach((ack, i) => expect(ackStatus(ack), `${row.event} by the ${ROLES[refusedRoles[i]!]}`).toBe(403));
      await assertNothingHappened(before, heardBefore, row.route);

      // Roles the policy allows get through.
      for (const actor of roleActors.filter((a) => isAllowed(who, a))) {
        const res = await send(clientOf(actor), method, await row.target(true));
        if (row.allowedStatus) expect(answerOf(res), `${row.route} by the ${ROLES[actor]}`).toMatchObject({ status: row.allowedStatus });
        else expect(res.status, `${row.route} by the ${ROLES[actor]}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
        if (row.event) {
          const ack = await emit(sockets[actor], row.event, (await row.target(true)).socket);
          if (row.allowedStatus) expect(ackStatus(ack), `${row.event} by the ${ROLES[actor]}`).toBe(row.allowedStatus);
          else expect(ack, `${row.event} by the ${ROLES[actor]}`).toMatchObject({ ok: true });
        }
      }
    });
  }
});

/** The socket events that are not mutations, each with its own test below. */
const SOCKET_EVENTS_TESTED_BELOW = ["document:join", "document:leave", "document:sync", "presence:selection", "presence:typing", "workspace:join", "workspace:leave", "workspace:sync"];

// ---------------------------------------------------------------------------------------------
// Ids of one object sent with another's
// ---------------------------------------------------------------------------------------------

/** The call is refused with one of `statuses`, nothing is written and no event goes out. */
async function expectRefused(what: string, statuses: number[], call: () => Promise<Answer | AnyAck>): Promise<void> {
  const before = await fingerprint();
  const heardBefore = heard.length;
  const res = await call();
  const [status, shown] = "ok" in res ? [ackStatus(res), JSON.stringify(res)] : [res.status, res.text.slice(0, 300)];
  expect(statuses, `${what}: answered ${status} ${shown}`).toContain(status);
  await assertNothingHappened(before, heardBefore, what);
}

const NOT_HERE = [400, 404];

describe("ids of another document or workspace inside a call", () => {
  it("claims of another document or workspace in a bulk change", async () => {
    const { paragraphs } = await A.owner.ok<{ paragraphs: { id: string; text: string }[] }>("GET", doc(fx.doc2));
    const otherDocClaim = track(await annotate({ documentId: fx.doc2, paragraphs }, A.owner, "claim"));
    await expectRefused("bulk on document A naming a claim of document A2", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/claims/bulk`, { annotationIds: [otherDocClaim], action: "assign", assigneeId: A.users.eve.id }),
    );
    await expectRefused("bulk on document A naming workspace B's claim", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/claims/bulk`, { annotationIds: [fx.b.claim], action: "assign", assigneeId: A.users.eve.id }),
    );
    await expectRefused("bulk on workspace A naming workspace B's claim", NOT_HERE, () =>
      A.owner.request("POST", `${ws()}/claims/bulk`, { annotationIds: [fx.b.claim], action: "setStatus", status: "in_review" }),
    );
    await expectRefused("claims:bulk on document A naming workspace B's claim", NOT_HERE, () =>
      emit(sockets.owner, "claims:bulk", { documentId: A.documentId, annotationIds: [fx.b.claim], action: "assign", assigneeId: null }),
    );
    await expectRefused("bulk addTag of workspace B's tag", NOT_HERE, () => A.owner.request("POST", `${doc()}/claims/bulk`, { annotationIds: [fx.claim], action: "addTag", tagId: fx.b.tag }));
  });
});

describe("ids of another workspace's objects inside a call", () => {
  it("a reply on another workspace's annotation, or under another thread's reply", async () => {
    await expectRefused("reply on workspace B's annotation", [404], () => A.owner.request("POST", `/api/annotations/${fx.b.annotation}/replies`, { body: "hi" }));
    await expectRefused("reply:create on workspace B's annotation", [404], () => emit(sockets.owner, "reply:create", { annotationId: fx.b.annotation, body: "hi" }));
    await expectRefused("reply with a parent in workspace B", NOT_HERE, () => A.owner.request("POST", `/api/annotations/${fx.comment}/replies`, { body: "hi", parentId: fx.b.reply }));
    const otherThread = track(await replyOn(fx.claim, A.owner));
    await expectRefused("reply with a parent in another thread", NOT_HERE, () => A.owner.request("POST", `/api/annotations/${fx.comment}/replies`, { body: "hi", parentId: otherThread }));
  });

  it("a tag of another workspace attached, merged into or made a parent", async () => {
    await expectRefused("annotation created with workspace B's tag", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/annotations`, { kind: "comment", body: "x", anchor: anchorIn(A), tagIds: [fx.b.tag] }),
    );
    await expectRefused("annotation:create with workspace B's tag", NOT_HERE, () =>
      emit(sockets.owner, "annotation:create", { documentId: A.documentId, kind: "comment", body: "x", anchor: anchorIn(A), tagIds: [fx.b.tag] }),
    );
    await expectRefused("annotation updated with workspace B's tag", NOT_HERE, () => A.owner.request("PATCH", `/api/annotations/${fx.comment}`, { version: 1, tagIds: [fx.b.tag] }));
    await expectRefused("tag merged into workspace B's tag", NOT_HERE, () => A.owner.request("POST", `/api/tags/${fx.tag}/merge`, { intoTagId: fx.b.tag }));
    await expectRefused("workspace B's tag merged into A's", NOT_HERE, () => A.owner.request("POST", `/api/tags/${fx.b.tag}/merge`, { intoTagId: fx.tag }));
    await expectRefused("tag moved under workspace B's tag", NOT_HERE, () => A.owner.request("PATCH", `/api/tags/${fx.tag}`, { version: 1, parentId: fx.b.tag }));
    await expectRefused("tag created under workspace B's tag", NOT_HERE, () => A.owner.request("POST", `${ws()}/tags`, { name: `Child ${hex()}`, parentId: fx.b.tag }));
  });

  it("a claim assigned to someone who is not a member", async () => {
    const version = await claimVersion(fx.claim);
    await expectRefused("assign to a member of another workspace", NOT_HERE, () => A.owner.request("POST", `/api/annotations/${fx.claim}/assign`, { version, assigneeId: B.owner.id }));
    await expectRefused("claim:assign to a member of another workspace", NOT_HERE, () => emit(sockets.owner, "claim:assign", { annotationId: fx.claim, version, assigneeId: B.owner.id }));
    await expectRefused("bulk assign to a member of another workspace", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/claims/bulk`, { annotationIds: [fx.claim], action: "assign", assigneeId: B.owner.id }),
    );
  });

  it("a webhook, delivery, invite or member of another workspace under this workspace's path", async () => {
    const hook = `${ws()}/webhooks/${fx.b.webhook}`;
    await expectRefused("GET B's webhook", [404], () => A.owner.request("GET", hook));
    await expectRefused("PATCH B's webhook", [404], () => A.owner.request("PATCH", hook, { version: 1, active: false }));
    await expectRefused("DELETE B's webhook", [404], () => A.owner.request("DELETE", hook));
    await expectRefused("B's webhook's deliveries", [404], () => A.owner.request("GET", `${hook}/deliveries`));
    await expectRefused("test B's webhook", [404], () => A.owner.request("POST", `${hook}/test`));
    await expectRefused("redeliver B's delivery through A's webhook", [404], () => A.owner.request("POST", `${ws()}/webhooks/${fx.webhook}/deliveries/${fx.b.delivery}/redeliver`));
    await expectRefused("revoke B's invite", [404], () => A.owner.request("DELETE", `${ws()}/invites/${fx.b.invite}`));
    await expectRefused("change the role of B's owner in A", [404], () => A.owner.request("PATCH", `${ws()}/members/${B.owner.id}`, { role: "viewer" }));
    await expectRefused("remove B's owner from A", [404], () => A.owner.request("DELETE", `${ws()}/members/${B.owner.id}`));
  });

  it("another workspace's document: its text, versions, exports and imports", async () => {
    const bDoc = `/api/documents/${B.documentId}`;
    const bPara = B.paragraphs.find((p) => p.text.length > 20)!;
    for (const path of [bDoc, `${bDoc}/versions`, `${bDoc}/diff?from=1&to=2`, `${bDoc}/export?format=jsonld`, `${bDoc}/events?after=0`, `${bDoc}/annotations`, `${bDoc}/activity`, `${bDoc}/claims`]) {
      await expectRefused(`GET ${path} by A's owner`, [404], () => A.owner.request("GET", path));
    }
    await expectRefused("JSON-LD import into B's document", [404], () => A.owner.request("POST", `${bDoc}/annotations/import`, JSON.parse(fx.jsonld)));
    await expectRefused("revision of B's document", [404], () => A.owner.upload(`${bDoc}/revisions`, "r.md", new TextEncoder().encode("# X\n\nY")));
    await expectRefused("edit of B's paragraph", [404], () => A.owner.request("PATCH", `/api/paragraphs/${bPara.id}`, { version: 1, text: "mine now" }));
    await expectRefused("an edit of A's document naming B's paragraph", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/edits`, { ops: [{ op: "text", paragraphId: bPara.id, baseVersion: 1, text: "mine now" }] }),
    );
    await expectRefused("an edit of A's document moving B's paragraph", NOT_HERE, () => A.owner.request("POST", `${doc()}/edits`, { ops: [{ op: "move", paragraphId: bPara.id, after: null }] }));
    await expectRefused("an edit of A's document retiring B's paragraph", NOT_HERE, () => A.owner.request("POST", `${doc()}/edits`, { ops: [{ op: "retire", paragraphId: bPara.id }] }));
    await expectRefused("an edit of A's document inserting after B's paragraph", NOT_HERE, () =>
      A.owner.request("POST", `${doc()}/edits`, { ops: [{ op: "insert", after: bPara.id, paragraphs: [{ kind: "paragraph", text: "x" }] }] }),
    );
    const aPara2 = (await paragraphOf(fx.doc2)).id;
    await expectRefused("an edit of A's document naming a paragraph of A's other document", NOT_HERE, () => A.owner.request("POST", `${doc()}/edits`, { ops: [{ op: "retire", paragraphId: aPara2 }] }));
    const anchor = { start: { paragraphId: bPara.id, offset: 0 }, end: { paragraphId: bPara.id, offset: 5 } };
    await expectRefused("an annotation of A's document anchored in B's paragraph", NOT_HERE, () => A.owner.request("POST", `${doc()}/annotations`, { kind: "comment", body: "x", anchor }));
    await expectRefused("A's annotation reattached into B's paragraph", NOT_HERE, () => A.owner.request("POST", `/api/annotations/${fx.comment}/reattach`, { version: 1, anchor }));
  });
});

// ---------------------------------------------------------------------------------------------
// Rooms, presence and removal
// ---------------------------------------------------------------------------------------------

describe("socket rooms and presence", () => {
  it("a socket without a session is refused", async () => {
    const s = anon.connect();
    opened.push(s);
    const outcome = await handshake(s);
    expect(outcome.connected).toBe(false);
  });

  it("a member of another workspace cannot join, sync or show presence in this workspace's document", async () => {
    const out = sockets.outsider;
    const before = await fingerprint();
    const heardBefore = heard.length;
    for (const [event, payload] of [
      ["document:join", { documentId: A.documentId }],
      ["document:sync", { documentId: A.documentId, lastSeq: 0 }],
      ["workspace:join", { workspaceId: A.workspaceId }],
      ["workspace:sync", { workspaceId: A.workspaceId, lastSeq: 0 }],
    ] as const) {
      const foreign = await emit(out, event, payload);
      expect(ackStatus(foreign), `${event} by a member of another workspace`).toBe(404);
      expect(foreign, `${event}: another workspace's id answered unlike a missing id`).toEqual(await emit(out, event, missingTwin(payload)));
    }
    const p = A.paragraphs[1]!.id;
    for (const [event, payload] of [
      ["presence:selection", { documentId: A.documentId, selection: { start: { paragraphId: p, offset: 0 }, end: { paragraphId: p, offset: 3 } } }],
      ["presence:typing", { documentId: A.documentId, annotationId: fx.comment, typing: true }],
    ] as const) {
      expect(ackStatus(await emit(out, event, payload)), event).toBe(404);
    }
    // Leaving a room one never joined is harmless and tells no one.
    expect((await emit(out, "document:leave", { documentId: A.documentId })).ok).toBe(true);
    expect((await emit(out, "workspace:leave", { workspaceId: A.workspaceId })).ok).toBe(true);
    await pause(150); // presence is coalesced before it is sent
    expect(heard.slice(heardBefore), "events reached A's members").toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it("every member, the viewer too, may join, sync and show presence", async () => {
    for (const actor of roleActors) {
      const s = sockets[actor];
      expect((await emit(s, "document:join", { documentId: A.documentId })).ok, `${actor} join`).toBe(true);
      expect((await emit(s, "document:sync", { documentId: A.documentId, lastSeq: 0 })).ok, `${actor} sync`).toBe(true);
      expect((await emit(s, "workspace:join", { workspaceId: A.workspaceId })).ok, `${actor} workspace join`).toBe(true);
      expect((await emit(s, "workspace:sync", { workspaceId: A.workspaceId, lastSeq: 0 })).ok, `${actor} workspace sync`).toBe(true);
      expect((await emit(s, "presence:typing", { documentId: A.documentId, annotationId: fx.comment, typing: true })).ok, `${actor} typing`).toBe(true);
      expect((await emit(s, "document:leave", { documentId: A.documentId })).ok, `${actor} leave`).toBe(true);
      expect((await emit(s, "workspace:leave", { workspaceId: A.workspaceId })).ok, `${actor} workspace leave`).toBe(true);
    }
  });

  it("a removed member's open socket hears nothing more of the document and can change nothing", async () => {
    const mo = A.users.mo;
    const s = mo.connect();
    opened.push(s);
    await connected(s);
    expect((await emit(s, "document:join", { documentId: A.documentId })).ok).toBe(true);
    expect((await emit(s, "workspace:join", { workspaceId: A.workspaceId })).ok).toBe(true);
    const got: string[] = [];
    s.onAny((event: string) => got.push(event));
    const revoked = new Promise<unknown>((resolve) => s.once("access:revoked", resolve));

    await A.owner.ok("DELETE", `${ws()}/members/${mo.id}`, undefined, [204]);
    await revoked;
    got.length = 0;

    // The document goes on: mo's socket hears none of it.
    await annotate(A, A.owner, "comment");
    await A.owner.ok("POST", `${ws()}/tags`, { name: `After ${hex()}` }, [201]);
    const p = A.paragraphs[1]!.id;
    await expectRefused("annotation:create by a removed member", [404], () => emit(s, "annotation:create", { documentId: A.documentId, kind: "comment", body: "still here?", anchor: anchorIn(A) }));
    await expectRefused("reply:create by a removed member", [404], () => emit(s, "reply:create", { annotationId: fx.comment, body: "still here?" }));
    await expectRefused("presence:selection by a removed member", [404], () =>
      emit(s, "presence:selection", { documentId: A.documentId, selection: { start: { paragraphId: p, offset: 0 }, end: { paragraphId: p, offset: 2 } } }),
    );
    await expectRefused("document:join by a removed member", [404], () => emit(s, "document:join", { documentId: A.documentId }));
    await expectRefused("document:sync by a removed member", [404], () => emit(s, "document:sync", { documentId: A.documentId, lastSeq: 0 }));
    await expectRefused("workspace:join by a removed member", [404], () => emit(s, "workspace:join", { workspaceId: A.workspaceId }));
    await pause(150);
    expect(got, "events reached the removed member's socket").toEqual([]);
    await eventually(() => expect(s.connected).toBe(true));
  });
});

// ---------------------------------------------------------------------------------------------
// Own things, changed roles, invites, and what reads may reveal
// ---------------------------------------------------------------------------------------------

describe("own things, changed roles and invites", () => {
  it("an analyst changes their own notes, replies and claims, but decides no verdict", async () => {
    const ana = A.users.ana;
    const note = track(await annotate(A, ana, "comment"));
    const claim = track(await annotate(A, ana, "claim"));
    const reply = track(await replyOn(note, ana));
    await ana.ok("PATCH", `/api/annotations/${note}`, { version: 1, body: "mine, edited" });
    await ana.ok("POST", `/api/annotations/${note}/reattach`, { version: 2, anchor: anchorIn(A, 2) });
    await ana.ok("PATCH", `/api/replies/${reply}`, { version: 1, body: "mine, edited" });
    await ana.ok("DELETE", `/api/replies/${reply}?version=2`);
    await ana.ok("POST", `/api/annotations/${claim}/review`, { version: await claimVersion(claim), status: "in_review" });
    const version = await claimVersion(claim);
    await expectRefused("an analyst deciding a verdict on their own claim", [403], () => ana.request("POST", `/api/annotations/${claim}/review`, { version, status: "supported" }));
    await expectRefused("an analyst assigning their own claim", [403], () => ana.request("POST", `/api/annotations/${claim}/assign`, { version, assigneeId: ana.id }));
    await ana.ok("DELETE", `/api/annotations/${note}?version=3`);
    // In bulk, the same rules claim by claim: all or nothing.
    await expectRefused("an analyst moving someone else's claim in bulk", [403], () =>
      ana.request("POST", `${doc()}/claims/bulk`, { annotationIds: [claim, fx.claim], action: "setStatus", status: "retracted" }),
    );
    await expectRefused("an analyst tagging someone else's claim in bulk", [403], () => ana.request("POST", `${ws()}/claims/bulk`, { annotationIds: [claim, fx.claim], action: "addTag", tagId: fx.tag2 }));
    await ana.ok("POST", `${ws()}/claims/bulk`, { annotationIds: [claim], action: "addTag", tagId: fx.tag2 });
  });

  it("a removed member's notifications and review queue show nothing of the workspace any more", async () => {
    const member = await newMember("analyst");
    track(member.id);
    const claim = track(await annotate(A, A.owner, "claim"));
    await A.owner.ok("POST", `/api/annotations/${claim}/assign`, { version: await claimVersion(claim), assigneeId: member.id });
    await eventually(async () => expect((await member.ok<{ notifications: unknown[] }>("GET", "/api/notifications")).notifications.length).toBeGreaterThan(0));
    expect((await member.ok<{ claims: { annotationId: string }[] }>("GET", "/api/me/review-queue")).claims.map((c) => c.annotationId)).toContain(claim);
    await A.owner.ok("DELETE", `${ws()}/members/${member.id}`, undefined, [204]);
    const { notifications } = await member.ok<{ notifications: Record<string, unknown>[] }>("GET", "/api/notifications");
    for (const n of notifications) {
      expect(n).toMatchObject({ accessible: false, actor: null, documentId: null, documentTitle: null, annotationId: null, quote: null, excerpt: null, link: null });
    }
    const queue = await member.ok<{ claims: unknown[]; total: number }>("GET", "/api/me/review-queue");
    expect(queue).toMatchObject({ claims: [], total: 0 });
    await expectRefused("a removed member reading the claim's history", [404], () => member.request("GET", `/api/annotations/${claim}/review/history`));
  });

  it("an author demoted to viewer can no longer change what they wrote, through REST or an open socket", async () => {
    const author = await newMember("analyst");
    track(author.id);
    const note = track(await annotate(A, author, "comment"));
    const s = author.connect();
    opened.push(s);
    await connected(s);
    expect(await emit(s, "annotation:update", { annotationId: note, version: 1, body: "before" })).toMatchObject({ ok: true });
    await A.owner.ok("PATCH", `${ws()}/members/${author.id}`, { role: "viewer" });
    await expectRefused("a demoted author editing their note", [403], () => author.request("PATCH", `/api/annotations/${note}`, { version: 2, body: "after" }));
    await expectRefused("a demoted author's open socket editing their note", [403], () => emit(s, "annotation:update", { annotationId: note, version: 2, body: "after" }));
    await expectRefused("a demoted author's open socket deleting their note", [403], () => emit(s, "annotation:delete", { annotationId: note, version: 2 }));
    await expectRefused("a demoted author's open socket annotating", [403], () => emit(s, "annotation:create", { documentId: A.documentId, kind: "comment", body: "x", anchor: anchorIn(A) }));
  });

  it("invites go up to one's own role; analysts and viewers invite no one", async () => {
    await expectRefused("an editor inviting an owner", [403], () => A.users.eve.request("POST", `${ws()}/invites`, { role: "owner" }));
    await expectRefused("an analyst inviting a viewer", [403], () => A.users.ana.request("POST", `${ws()}/invites`, { role: "viewer" }));
    await A.users.eve.ok("POST", `${ws()}/invites`, { role: "editor" }, [201]);
  });

  it("accepting an invite: a session is needed, members are 409 and the token stays usable, an outsider joins", async () => {
    const { token } = await inviteIn(A, "viewer");
    await expectRefused("accepting without a session", [401], () => anon.request("POST", `/api/invites/${token}/accept`));
    await expectRefused("a member accepting", [409], () => A.users.vic.request("POST", `/api/invites/${token}/accept`));
    const newcomer = await transport.signUp({ displayName: "Newcomer" });
    await newcomer.ok("POST", `/api/invites/${token}/accept`);
    expect((await newcomer.ok<{ workspace: { role: string } }>("GET", ws())).workspace.role).toBe("viewer");
  });

  it("any member may leave; leaving is not removing someone else", async () => {
    const leaver = await newMember("viewer");
    await expectRefused("a viewer removing someone else", [403], () => leaver.request("DELETE", `${ws()}/members/${A.users.vic.id}`));
    await leaver.ok("DELETE", `${ws()}/members/${leaver.id}`, undefined, [204]);
    await expectRefused("reading the workspace after leaving", [404], () => leaver.request("GET", ws()));
  });

  it("marking another user's notification read changes nothing", async () => {
    const claim = track(await annotate(A, A.owner, "claim"));
    await A.owner.ok("POST", `/api/annotations/${claim}/assign`, { version: await claimVersion(claim), assigneeId: A.users.eve.id });
    let notifications: { id: string }[] = [];
    await eventually(async () => {
      ({ notifications } = await A.users.eve.ok<{ notifications: { id: string }[] }>("GET", "/api/notifications?unread=true"));
      expect(notifications.length, "the editor was notified of the assignment").toBeGreaterThan(0);
    });
    const before = (await A.users.eve.ok<{ unread: number }>("GET", "/api/notifications/unread-count")).unread;
    const res = await A.users.vic.request("POST", "/api/notifications/read", { ids: [notifications[0]!.id] });
    expect(res.status).toBe(200);
    expect((res.body as { marked: number }).marked).toBe(0);
    expect((await A.users.eve.ok<{ unread: number }>("GET", "/api/notifications/unread-count")).unread).toBe(before);
  });

  it("search, claims and activity filters naming another workspace's ids reveal nothing of it", async () => {
    const isB = (v: unknown) => JSON.stringify(v).includes(B.documentId) || JSON.stringify(v).includes(fx.b.annotation) || JSON.stringify(v).includes(fx.b.claim);
    for (const path of [
      `${ws()}/search?q=treaty&document=${B.documentId}`,
      `${ws()}/search?q=comment&tag=${fx.b.tag}`,
      `${ws()}/search?q=comment&author=${B.owner.id}`,
      `${ws()}/claims?tag=${fx.b.tag}`,
      `${ws()}/claims?author=${B.owner.id}`,
      `${ws()}/claims/stats?tag=${fx.b.tag}`,
      `${ws()}/activity?actor=${B.owner.id}`,
      `${doc()}/export?format=jsonld&tags=${fx.b.tag}`,
    ]) {
      const res = await A.owner.request("GET", path);
      expect(res.status, path).toBeLessThan(500);
      expect(isB(res.text), `${path} revealed workspace B`).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Checks that run before the transaction run after authorization
// ---------------------------------------------------------------------------------------------

describe("a webhook's address is looked up only for those who may manage webhooks", () => {
  // Its own app: internal addresses are refused here, as in production.
  let t: TestApp;
  let owner: AppClient;
  let viewer: AppClient;
  let outsider: AppClient;
  let workspaceId: string;
  let webhookId: string;

  beforeAll(async () => {
    t = await buildTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: "false" } });
    const w = await buildWorld(appTransport(t.app), { members: { vic: "viewer" }, document: null });
    [owner, viewer, workspaceId] = [w.owner, w.users.vic, w.workspaceId];
    outsider = await appTransport(t.app).signUp({ displayName: "Outsider" });
    await createWorkspace(outsider, "Elsewhere");
    const hook = await t.db.webhook.create({ data: { id: `wh_${hex()}`, workspaceId, url: "https://hooks.example.org/x", events: JSON.stringify(["annotation.created"]), secret: "s" } });
    webhookId = hook.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  // The refusal names the address a host resolves to: answering it to anyone would let any
  // signed-in user map the server's internal network through its resolver.
  const INTERNAL = ["http://localhost:4000/hook", "http://10.0.0.5/hook"];

  it("a viewer gets 403 and a stranger 404 whatever the address, and learns nothing of it", async () => {
    for (const url of INTERNAL) {
      const byViewer = await viewer.post(`/api/workspaces/${workspaceId}/webhooks`, { url, events: ["annotation.created"] });
      expect([byViewer.status, byViewer.text.includes("127.0.0.1") || byViewer.text.includes("10.0.0.5")], `${url} created by a viewer: ${byViewer.text}`).toEqual([403, false]);
      const changed = await viewer.patch(`/api/workspaces/${workspaceId}/webhooks/${webhookId}`, { version: 1, url });
      expect(changed.status, `${url} set by a viewer: ${changed.text}`).toBe(403);
      for (const where of [workspaceId, `w_${hex()}missing`]) {
        const byStranger = await outsider.post(`/api/workspaces/${where}/webhooks`, { url, events: ["annotation.created"] });
        expect(byStranger.status, `${url} created by a stranger: ${byStranger.text}`).toBe(404);
      }
    }
    expect(await t.db.webhook.count()).toBe(1);
  });

  it("the owner is still told which address was refused", async () => {
    const res = await owner.post(`/api/workspaces/${workspaceId}/webhooks`, { url: "http://10.0.0.5/hook", events: ["annotation.created"] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/10\.0\.0\.5/);
  });
});
