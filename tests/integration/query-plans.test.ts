/**
 * Every statement the server runs is answered from an index on the tables that grow with use.
 *
 * A day of work goes through the real HTTP and socket APIs (imports, annotations of every kind
 * with tags and mentions, replies and threads, claim review and bulk triage, the lists, search,
 * activity and audit, notifications and their e-mails, edits, revisions and versions, exports,
 * webhooks, membership, a deleted document) while every distinct statement is recorded (the
 * timed adapter's statement watcher); then SQLite's plan of each is read with EXPLAIN QUERY
 * PLAN. A full scan of a growing table fails, and so does a walk of a whole index of one (what
 * a count joined as a grouped subquery becomes); small-by-nature tables may be scanned, each
 * with its reason below. Sorts in a temporary B-tree after reading growing tables are printed,
 * not failed. The foreign keys of growing tables are checked too: deleting a referenced row
 * looks for the rows naming it, a scan per deleted row without an index.
 *
 * On PostgreSQL the same day runs, and each statement is planned generically (PREPARE, then
 * EXPLAIN EXECUTE under plan_cache_mode = force_generic_plan) with sequential scans, hash and
 * merge joins priced out: its own plans follow table statistics, and on the few rows of a test
 * it reads small tables whole whatever indexes exist. Priced out, a growing table is still read
 * whole (a sequential scan, an index walked without a condition, or a condition on a later
 * column of an index only) when no index can serve the statement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { anchorOn, buildWorld, connected, eventually, importDocument, startTestServer, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { mutate, openJoined } from "../helpers/realtime-client.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.ts";
import { GRAIN_CORRIDOR } from "../fixtures/grain-corridor.ts";
import { sqlitePath } from "../../server/db/client.ts";
import { watchStatements } from "../../server/db/timed-adapter.ts";
import { createLogger } from "../../server/lib/logger.ts";
import type { AnnotationDto, ReplyDto } from "../../common/annotations.ts";

const SQLITE = !process.env.TEST_DATABASE_URL;

/** Tables whose rows grow with use: a full scan of one of them fails. */
const GROWING = new Set([
  "Annotation",
  "AnnotationTag",
  "AnchorRevision",
  "Reply",
  "ClaimReview",
  "ClaimReviewChange",
  "Suggestion",
  "DocumentEvent",
  "WorkspaceEvent",
  "ClientMutation",
  "Notification",
  "EmailOutbox",
  "WebhookDelivery",
  "Paragraph",
  "ParagraphRevision",
  "DocumentVersion",
  "Document",
  "Session",
  "Invite",
  "SearchDoc",
]);

/** Tables small by nature, which a statement may scan; why for each. */
const SMALL: Record<string, string> = {
  User: "people of one installation: hundreds, not millions; looked up by key on the hot paths",
  Workspace: "a handful per installation",
  Membership: "people per workspace",
  Tag: "a workspace's vocabulary: tens to hundreds",
  Webhook: "a few subscriptions per workspace",
  NotificationSettings: "one row per person who changed the defaults",
  _scholia_migrations: "the applied migrations",
};

/**
 * Foreign keys of growing tables left without an index: deleting a referenced row scans the
 * table for rows that name it. Allowed only where the referenced rows are never deleted.
 */
const NO_USER_DELETION = "people are never deleted (no route or job deletes a User): the key is never looked up from that side";
const UNINDEXED_KEYS: Record<string, string> = {
  "Annotation.authorId": NO_USER_DELETION,
  "Reply.authorId": NO_USER_DELETION,
  "ClaimReviewChange.actorId": NO_USER_DELETION,
  "DocumentEvent.actorId": NO_USER_DELETION,
  "WorkspaceEvent.actorId": NO_USER_DELETION,
  "EmailOutbox.userId": NO_USER_DELETION,
  "DocumentVersion.authorId": NO_USER_DELETION,
  "Document.createdById": NO_USER_DELETION,
  "Invite.acceptedById": NO_USER_DELETION,
  "Invite.createdById": NO_USER_DELETION,
};

/**
 * Statements allowed to walk a whole index of a growing table, each with its reason (a walk
 * that a LIMIT ends after a few rows, for instance). None so far.
 */
const WALKS_ALLOWED: Array<[RegExp, string]> = [];

/** The search index (FTS5) and its own tables: read by MATCH, never scanned row by row. */
function isShadowTable(name: string): boolean {
  return /^SearchText(_(data|idx|content|docsize|config))?$/.test(name);
}

const sockets = socketsClosedAfterEach();
const recorded = new Set<string>();
let server: TestServer;
let sink: SmtpSink;
let receiver: WebhookReceiver;
let world: World<HttpClient, "Ana" | "Ben" | "Eve" | "Vic">;

/** A rich note or reply that @mentions `people`. */
function mentioning(text: string, ...people: HttpClient[]) {
  return {
    format: "rich" as const,
    doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `${text} ` }, ...people.map((p) => ({ type: "mention", attrs: { id: p.id, label: p.displayName } }))] }] },
  };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  receiver = await startWebhookReceiver();
  watchStatements((sql) => recorded.add(sql));
  server = await startTestServer({ env: { SMTP_URL: sink.url, NOTIFY_DIGEST_MINUTES: "0.02", DISPATCH_INTERVAL_MS: "50", WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_RETRY_BASE_SECONDS: "0.1" }, logger: createLogger("error") });
  world = await buildWorld(server, { members: { Ana: "analyst", Ben: "analyst", Eve: "editor", Vic: "viewer" } });
});

afterAll(async () => {
  watchStatements(null);
  await server?.stop();
  await sink?.close();
  await receiver?.close();
});

/** A day of work through the HTTP and socket APIs. */
async function dayOfWork() {
  const { owner, Ana, Ben, Eve, Vic } = world.users;
  const ws = world.workspaceId;
  const doc = world.documentId;
  const grain = await importDocument(owner, ws, { article: GRAIN_CORRIDOR, format: "md" });
  await owner.ok("GET", `/api/workspaces/${ws}/documents`);
  await owner.ok("GET", "/api/workspaces");
  await owner.ok("GET", `/api/workspaces/${ws}`);
  await owner.ok("GET", `/api/workspaces/${ws}/members`);
  await owner.ok("GET", `/api/workspaces/${ws}/invites`);
  await Ana.ok("GET", "/api/auth/me");

  // Settings, a webhook for every event, tags.
  const allKinds = { mention: true, reply: true, assignment: true, verdict: true, suggestion: true };
  await Ben.ok("PUT", "/api/me/notification-settings", { kinds: allKinds, email: "immediate" });
  await Vic.ok("PUT", "/api/me/notification-settings", { kinds: allKinds, email: "digest" });
  await Ben.ok("GET", "/api/me/notification-settings");
  const hook = await Eve.ok<{ webhook: { id: string } }>("POST", `/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}/all`, events: ["annotation.created", "reply.created", "claim.reviewed", "document.imported"], description: "all" }, [201]);
  await Eve.ok("GET", `/api/workspaces/${ws}/webhooks`);
  await Eve.ok("GET", `/api/workspaces/${ws}/webhooks/${hook.webhook.id}`);
  const { tag: region } = await Eve.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${ws}/tags`, { name: "Region", color: "#336699" });
  const { tag: baltic } = await Eve.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${ws}/tags`, { name: "Baltic", parentId: region.id });
  const { tag: spare } = await Eve.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${ws}/tags`, { name: "Spare" });
  await Eve.ok("PATCH", `/api/tags/${spare.id}`, { version: 1, description: "to merge" });
  await Ana.ok("GET", `/api/workspaces/${ws}/tags`);

  // Annotations of every kind, over HTTP and the socket (with clientMutationIds), with tags and mentions.
  const create = async (by: HttpClient, body: Record<string, unknown>, on = doc) => (await by.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${on}/annotations`, body, [201])).annotation;
  const note = await create(Ana, { kind: "comment", body: mentioning("Worth a look,", Ben, Vic), anchor: world.anchor("three new regional agreements"), tagIds: [baltic.id] });
  const highlight = await create(Ben, { kind: "highlight", body: "", anchor: world.anchor("confidence-building measures") });
  const claim = await create(Ana, { kind: "claim", body: "Needs a source", anchor: world.anchor("by 2030"), tagIds: [region.id, spare.id] });
  const claim2 = await create(Ben, { kind: "claim", body: "", anchor: world.anchor("none will be verifiable") });
  const suggestion = await create(Ana, { kind: "suggestion", body: "", anchor: world.anchor("at sea"), replacement: "at sea and in the air" });
  const rejected = await create(Ben, { kind: "suggestion", body: "", anchor: world.anchor("Second"), replacement: "Secondly" });

  const { socket: anaSocket, feed } = await openJoined(Ana, doc, sockets);
  const { socket: benSocket } = await openJoined(Ben, doc, sockets);
  const ws2 = Ana.connect();
  sockets.push(ws2);
  await connected(ws2);
  await ws2.timeout(10_000).emitWithAck("workspace:join", { workspaceId: ws, lastSeq: 0 });
  const viaSocket: AnnotationDto[] = [];
  for (const [i, quote] of ["treaty", "arms control", "notification regimes", "missile tests"].entries()) {
    const clientMutationId = randomUUID();
    const input = { documentId: doc, kind: i % 2 ? ("claim" as const) : ("comment" as const), body: mentioning("Socket note", Eve), anchor: world.anchor(quote), tagIds: [baltic.id], clientMutationId };
    const r = await mutate(anaSocket, "annotation:create", input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    viaSocket.push(r.result);
    expect((await mutate(anaSocket, "annotation:create", input)).ok).toBe(true); // a retry: the recorded result
  }
  await Promise.all([1, 2, 3].map((n) => mutate(benSocket, "annotation:create", { documentId: doc, kind: "comment", body: `Concurrent ${n}`, anchor: world.anchor("2019"), clientMutationId: randomUUID() })));
  await anaSocket.timeout(10_000).emitWithAck("document:sync", { documentId: doc, lastSeq: 0 });
  anaSocket.emit("presence:selection", { documentId: doc, selection: null });

  // Edits of annotations, replies with mentions, reply edits and deletes.
  await Ana.ok("PATCH", `/api/annotations/${note.id}`, { version: 1, body: mentioning("See again", Ben, Eve), tagIds: [region.id] });
  await mutate(anaSocket, "annotation:update", { annotationId: viaSocket[0]!.id, version: 1, body: "Changed", clientMutationId: randomUUID() });
  const reply = async (by: HttpClient, annotationId: string, body: unknown, extra: object = {}) => (await by.ok<{ reply: ReplyDto }>("POST", `/api/annotations/${annotationId}/replies`, { body, ...extra }, [201])).reply;
  const r1 = await reply(Ben, note.id, mentioning("Agreed,", Ana));
  const r2 = await reply(Eve, note.id, "A nested answer", { parentId: r1.id });
  await reply(Eve, claim.id, mentioning("Over to you", Ana), { stance: "disputes" });
  await mutate(benSocket, "reply:create", { annotationId: claim.id, body: "Via socket", stance: "supports", clientMutationId: randomUUID() });
  await Ben.ok("PATCH", `/api/replies/${r1.id}`, { version: 1, body: "Agreed, mostly", stance: "supports" });
  await Eve.ok("DELETE", `/api/replies/${r2.id}?version=1`);
  await Ana.ok("GET", `/api/annotations/${note.id}/replies`);
  await Ben.ok("DELETE", `/api/annotations/${highlight.id}?version=1`);

  // Claim review: assignment, verdicts, bulk triage on a document and on the workspace.
  await Eve.ok("POST", `/api/annotations/${claim.id}/assign`, { version: 1, assigneeId: Ben.id });
  await Ben.ok("POST", `/api/annotations/${claim.id}/review`, { version: 2, status: "in_review" });
  await Ben.ok("POST", `/api/annotations/${claim.id}/review`, { version: 3, status: "supported", rationale: "Matches the figures.", sources: ["https://example.org/figures"] });
  const claims = [claim2.id, viaSocket[1]!.id, viaSocket[3]!.id];
  await Eve.ok("POST", `/api/documents/${doc}/claims/bulk`, { action: "setStatus", status: "in_review", annotationIds: claims });
  await Eve.ok("POST", `/api/workspaces/${ws}/claims/bulk`, { action: "assign", assigneeId: Ana.id, annotationIds: claims });
  await Eve.ok("POST", `/api/workspaces/${ws}/claims/bulk`, { action: "addTag", tagId: spare.id, annotationIds: claims });
  await Eve.ok("POST", `/api/workspaces/${ws}/claims/bulk`, { action: "removeTag", tagId: spare.id, annotationIds: claims });
  await Ana.ok("GET", `/api/annotations/${claim.id}/review/history`);
  await Ana.ok("GET", "/api/me/review-queue");
  for (const scope of [`/api/documents/${doc}/claims`, `/api/workspaces/${ws}/claims`]) {
    await Ana.ok("GET", scope);
    await Ana.ok("GET", `${scope}?status=in_review&assignee=me&sort=replies&order=asc`);
    await Ana.ok("GET", `${scope}?tag=${region.id}&author=${Ana.id}&q=source&sort=updated`);
    await Ana.ok("GET", `${scope}?assignee=none&sort=status`);
    await Ana.ok("GET", `${scope}?sort=age`);
    await Ana.ok("GET", `${scope}/stats`);
    await Ana.ok("GET", `${scope}/stats?status=open&tag=${region.id}`);
  }
  await Eve.ok("POST", `/api/tags/${spare.id}/merge`, { intoTagId: region.id });

  // The annotation lists, the event log.
  await Vic.ok("GET", `/api/documents/${doc}/annotations`);
  await Vic.ok("GET", `/api/documents/${doc}/annotations?replies=true`);
  await Vic.ok("GET", `/api/documents/${doc}/annotations?form=compact`);
  await Vic.ok("GET", `/api/documents/${doc}/events?after=0`);
  await Vic.ok("GET", `/api/documents/${doc}`);

  // Edits, versions, revisions, suggestions, orphans.
  const { paragraphs } = await Eve.ok<{ paragraphs: Array<{ id: string; text: string; version: number }> }>("GET", `/api/documents/${doc}`);
  const forecast = paragraphs.find((p) => p.text.includes("regional agreements"))!;
  await Eve.ok("PATCH", `/api/paragraphs/${forecast.id}`, { version: forecast.version, text: forecast.text.replace("three", "four") });
  const treaty = paragraphs.find((p) => p.text.includes("treaty"))!;
  await Eve.ok("POST", `/api/documents/${doc}/edits`, {
    note: "restructure",
    ops: [
      { op: "split", paragraphId: treaty.id, baseVersion: treaty.version, offset: treaty.text.indexOf(" it moved") + 1 },
      { op: "insert", after: null, paragraphs: [{ kind: "heading", level: 2, text: "Background" }] },
    ],
  });
  await Eve.ok("POST", `/api/annotations/${suggestion.id}/suggestion/accept`, { version: 1 });
  await Eve.ok("POST", `/api/annotations/${rejected.id}/suggestion/reject`, { version: 1 });
  const doomed = await create(Ana, { kind: "comment", body: "On the insurers", anchor: anchorOn(grain.paragraphs, "priced the risk of mines") }, grain.id);
  const draft = ["# Sanctions and the Grain Corridor", "", "The corridor carried thirty million tonnes of grain.", "", "A new section opens here."].join("\n");
  const revision = await Eve.upload(`/api/documents/${grain.id}/revisions`, "draft-2.md", Buffer.from(draft));
  expect(revision.status, revision.text).toBe(201);
  const { versions } = await Eve.ok<{ versions: Array<{ number: number }> }>("GET", `/api/documents/${doc}/versions`);
  const latest = Math.max(...versions.map((v) => v.number));
  await Eve.ok("GET", `/api/documents/${doc}/diff?from=1&to=${latest}`);
  await Eve.ok("GET", `/api/documents/${doc}?version=1`);
  await Vic.ok("GET", `/api/documents/${doc}/annotations?version=1`);
  await Vic.ok("GET", `/api/documents/${doc}/annotations?version=1&form=compact`);
  const grainList = await Ana.ok<{ annotations: AnnotationDto[] }>("GET", `/api/documents/${grain.id}/annotations`);
  const orphan = grainList.annotations.find((a) => a.id === doomed.id)!;
  expect(orphan.anchor.state).toBe("orphaned");
  await Ana.ok("POST", `/api/annotations/${orphan.id}/dismiss`, { version: orphan.version });
  const moved = viaSocket[2]!;
  const again = paragraphs.find((p) => p.text.includes("regional agreements"))!;
  await Ana.ok("POST", `/api/annotations/${moved.id}/reattach`, { version: 1, anchor: { start: { paragraphId: again.id, offset: 0 }, end: { paragraphId: again.id, offset: 8 } } });
  await Ana.ok("GET", `/api/annotations/${claim.id}/history`);

  // Search, activity, audit.
  for (const q of ["q=treaty", "q=source&kind=annotation,reply", `q=region&kind=tag`, `q=look&tag=${region.id}&author=${Ana.id}`, `q=figures&status=supported&document=${doc}`]) await Ana.ok("GET", `/api/workspaces/${ws}/search?${q}`);
  for (const path of [`/api/documents/${doc}/activity`, `/api/workspaces/${ws}/activity`]) {
    const first = await owner.ok<{ nextBefore: string | null }>("GET", `${path}?limit=3`);
    expect(first.nextBefore).not.toBeNull();
    await owner.ok("GET", `${path}?limit=3&before=${first.nextBefore}`);
    await owner.ok("GET", `${path}?actor=${Ana.id}&type=annotation.created`);
  }
  const audit = await owner.ok<{ nextBefore: string | null }>("GET", `/api/workspaces/${ws}/audit?limit=2`);
  expect(audit.nextBefore).not.toBeNull();
  await owner.ok("GET", `/api/workspaces/${ws}/audit?limit=2&before=${audit.nextBefore}`);
  await owner.ok("GET", `/api/workspaces/${ws}/audit?type=webhook.created&actor=${Eve.id}`);
  expect((await owner.request("GET", `/api/workspaces/${ws}/audit?format=csv`)).status).toBe(200);

  // Notifications: the inbox, its pages, marking read; the e-mails (immediate and digest) go out.
  const inbox = await Ana.ok<{ notifications: Array<{ id: string }>; nextBefore: string | null }>("GET", "/api/notifications?limit=1");
  expect(inbox.nextBefore).not.toBeNull();
  await Ana.ok("GET", `/api/notifications?limit=1&before=${inbox.nextBefore}`);
  await Ana.ok("GET", "/api/notifications?unread=true");
  await Ana.ok("GET", "/api/notifications/unread-count");
  await Ana.ok("POST", "/api/notifications/read", { ids: inbox.notifications.map((n) => n.id) });
  await Ana.ok("POST", "/api/notifications/read-all", {});
  await eventually(() => expect(sink.mails.length).toBeGreaterThanOrEqual(2), 10_000);

  // Exports of every format, of the current version and an earlier one; the annotations imported back.
  for (const format of ["html", "md", "docx", "jsonld", "csv", "claimreview"]) {
    expect((await Ana.request("GET", `/api/documents/${doc}/export?format=${format}`)).status).toBe(200);
  }
  expect((await Ana.request("GET", `/api/documents/${doc}/export?format=md&version=1`)).status).toBe(200);
  expect((await Ana.request("GET", `/api/documents/${doc}/export?format=csv&rows=all&kinds=claim,comment`)).status).toBe(200);
  const jsonld = await Ana.ok("GET", `/api/documents/${doc}/export?format=jsonld`);
  const target = await importDocument(owner, ws);
  await Eve.ok("POST", `/api/documents/${target.id}/annotations/import`, jsonld);
  const { annotations: copied } = await Ana.ok<{ annotations: AnnotationDto[] }>("GET", `/api/documents/${target.id}/annotations`);
  const thread = await reply(Ana, copied[0]!.id, "A thread on the copy");
  await reply(Ben, copied[0]!.id, "An answer in it", { parentId: thread.id });

  // Webhook deliveries: the log, a test ping, a redelivery.
  await eventually(() => expect(receiver.requests.length).toBeGreaterThan(0), 10_000);
  await Eve.ok("POST", `/api/workspaces/${ws}/webhooks/${hook.webhook.id}/test`, {}, [202]);
  const done = await eventually(async () => {
    const { deliveries } = await Eve.ok<{ deliveries: Array<{ id: string; state: string }> }>("GET", `/api/workspaces/${ws}/webhooks/${hook.webhook.id}/deliveries`);
    const sent = deliveries.find((d) => d.state !== "pending");
    expect(sent).toBeDefined();
    return sent!;
  }, 10_000);
  await Eve.ok("POST", `/api/workspaces/${ws}/webhooks/${hook.webhook.id}/deliveries/${done.id}/redeliver`, {}, [202]);
  await Eve.ok("PATCH", `/api/workspaces/${ws}/webhooks/${hook.webhook.id}`, { version: 1, active: false });

  // Membership changes, a deleted document, signing out and in again.
  await owner.ok("PATCH", `/api/workspaces/${ws}`, { name: "Desk, renamed" });
  const unused = await owner.ok<{ invite: { id: string } }>("POST", `/api/workspaces/${ws}/invites`, { role: "editor" });
  await owner.ok("DELETE", `/api/workspaces/${ws}/invites/${unused.invite.id}`, undefined, [204]);
  await Eve.ok("PATCH", `/api/tags/${baltic.id}`, { version: 1, archived: true });
  expect((await mutate(benSocket, "reply:delete", { replyId: r1.id, clientMutationId: randomUUID() })).ok).toBe(true);
  expect((await mutate(anaSocket, "annotation:delete", { annotationId: viaSocket[0]!.id, clientMutationId: randomUUID() })).ok).toBe(true);
  await ws2.timeout(10_000).emitWithAck("workspace:sync", { workspaceId: ws, lastSeq: 0 });
  await anaSocket.timeout(10_000).emitWithAck("document:leave", { documentId: doc });
  const { token } = await owner.ok<{ token: string }>("POST", `/api/workspaces/${ws}/invites`, { role: "viewer" });
  const late = await server.signUp({ displayName: "Late" });
  await late.ok("GET", `/api/invites/${token}`);
  await late.ok("POST", `/api/invites/${token}/accept`, undefined, [200]);
  await owner.ok("PATCH", `/api/workspaces/${ws}/members/${late.id}`, { role: "analyst" });
  await owner.ok("DELETE", `/api/workspaces/${ws}/members/${late.id}`, undefined, [204]);
  await owner.ok("DELETE", `/api/documents/${target.id}`, undefined, [204]);
  await Vic.ok("POST", "/api/auth/logout", {}, [200, 204]);
  await Vic.login();
  await Vic.ok("GET", "/api/notifications");
  await feed.reached(1);
}

describe.skipIf(!SQLITE)("query plans (SQLite)", () => {
  let db: Database.Database;
  beforeAll(async () => {
    await dayOfWork();
    watchStatements(null);
    db = new Database(sqlitePath(server.database.url), { readonly: true, fileMustExist: true });
  });
  afterAll(() => db?.close());

  /** The database's own tables (not FTS5's). */
  let tables: Set<string>;
  beforeAll(() => {
    tables = new Set(
      (db.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>).map((t) => t.name).filter((t) => !isShadowTable(t)),
    );
  });

  it("every table is classified as growing or small by nature", () => {
    const ordinary = (db.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "sql" NOT LIKE 'CREATE VIRTUAL TABLE%'`).all() as Array<{ name: string }>)
      .map((t) => t.name)
      .filter((t) => !isShadowTable(t));
    expect(ordinary.filter((t) => !GROWING.has(t) && SMALL[t] === undefined)).toEqual([]);
  });

  it("the day's work read and wrote every growing table", () => {
    const untouched = [...GROWING].filter((t) => ![...recorded].some((sql) => new RegExp(`[\`"]${t}[\`"]`).test(sql)));
    expect(untouched).toEqual([]);
  });

  it("no statement of a day's work scans a growing table", () => {
    const failures: string[] = [];
    const sorts: string[] = [];
    const smallScans = new Map<string, number>();
    let explained = 0;
    for (const sql of [...recorded].sort()) {
      if (!isPlannable(sql)) continue;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(placeholderCount(sql)).fill(null)) as Array<{ detail: string }>;
      explained++;
      const aliases = tableAliases(sql);
      const named = new Set([...aliases.values(), ...aliases.keys()]);
      const insert = /^\s*INSERT\b/i.test(sql);
      const tablesOf = (t: string) => new Set([t, ...[...aliases].filter(([, v]) => v === t).map(([k]) => k)]);
      const growingRows = plan.filter((p) => [...GROWING].some((t) => [...tablesOf(t)].some((n) => p.detail.startsWith(`SCAN ${n}`) || p.detail.startsWith(`SEARCH ${n} `))));
      for (const { detail } of plan) {
        const scan = /^SCAN (?:main\.)?(\S+)$/.exec(detail);
        if (scan) {
          const table = aliases.get(scan[1]!) ?? scan[1]!;
          // Not a table: a subquery, a CTE or a VALUES list, whose own reads are rows of this plan too.
          if (!tables.has(table)) continue;
          // An INSERT's plan lists the lookups of the rows that would reference the new row, which
          // SQLite runs only while a deferred foreign-key violation is outstanding (never here).
          if (insert && !named.has(scan[1]!)) continue;
          if (GROWING.has(table)) failures.push(`SCAN ${table}\n    in: ${sql}\n    plan: ${plan.map((p) => p.detail).join(" | ")}`);
          else if (SMALL[table] !== undefined) smallScans.set(table, (smallScans.get(table) ?? 0) + 1);
          else failures.push(`SCAN ${table}: a table neither growing nor allowed as small; classify it\n    in: ${sql}`);
        }
        const walk = /^SCAN (?:main\.)?(\S+) USING (?:COVERING )?INDEX (\S+)$/.exec(detail);
        // A walk of a whole index (no constraint on it) reads every row too, in index order: a
        // grouped count in a subquery joined afterwards is one. Only an allowed statement may.
        if (walk && GROWING.has(aliases.get(walk[1]!) ?? walk[1]!) && !(insert && !named.has(walk[1]!)) && !WALKS_ALLOWED.some(([re]) => re.test(sql))) {
          failures.push(`${detail}: a walk of the whole index\n    in: ${sql}\n    plan: ${plan.map((p) => p.detail).join(" | ")}`);
        }
        if (detail.startsWith("USE TEMP B-TREE FOR") && growingRows.length) sorts.push(`${detail} after ${growingRows.map((p) => p.detail).join(", ")}\n    in: ${sql.replace(/\s+/g, " ").slice(0, 300)}`);
      }
    }
    console.log(`query plans: ${recorded.size} distinct statements recorded, ${explained} explained; scans of small tables: ${[...smallScans].map(([t, n]) => `${t} ×${n}`).join(", ") || "none"}`);
    if (sorts.length) console.log(`sorts in a temporary B-tree after reading growing tables (information, not failed):\n  ${[...new Set(sorts)].join("\n  ")}`);
    expect(recorded.size).toBeGreaterThan(100);
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("a full-text search reads the index's matches first and looks each one up, never the other way round", () => {
    // The other way round runs the match once per row of SearchDoc the filters leave: minutes on
    // a workspace of 50,000 notes (bench/search.bench.ts), whatever the filters.
    const searches = [...recorded].filter((sql) => /"SearchText" MATCH/.test(sql));
    expect(searches.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (const sql of searches) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(placeholderCount(sql)).fill(null)) as Array<{ id: number; parent: number; detail: string }>;
      // The statement's own loops (subqueries' rows hang under theirs), outermost first.
      const loops = plan.filter((p) => p.parent === 0 && /^(SCAN|SEARCH) /.test(p.detail));
      if (!loops[0]?.detail.startsWith("SCAN SearchText VIRTUAL TABLE")) failures.push(`${loops.map((p) => p.detail).join(" | ")}\n    in: ${sql.replace(/\s+/g, " ")}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("every foreign key of a growing table is indexed, so deleting what it references is a search, not a scan per row", () => {
    const missing: string[] = [];
    for (const table of GROWING) {
      const keys = db.prepare(`SELECT * FROM pragma_foreign_key_list(?)`).all(table) as Array<{ id: number; seq: number; table: string; from: string; on_delete: string }>;
      const indexes = (db.prepare(`SELECT "name" FROM pragma_index_list(?)`).all(table) as Array<{ name: string }>).map(
        (i) => (db.prepare(`SELECT "name" FROM pragma_index_info(?) ORDER BY "seqno"`).all(i.name) as Array<{ name: string }>).map((c) => c.name),
      );
      for (const id of new Set(keys.map((k) => k.id))) {
        const cols = keys.filter((k) => k.id === id).sort((a, b) => a.seq - b.seq);
        const from = cols.map((c) => c.from);
        const covered = indexes.some((ix) => from.every((c) => ix.slice(0, from.length).includes(c)));
        const key = `${table}.${from.join(",")}`;
        if (!covered && UNINDEXED_KEYS[key] === undefined) missing.push(`${key} → ${cols[0]!.table} (on delete ${cols[0]!.on_delete}): no index starts with it`);
      }
    }
    expect(missing, missing.join("\n")).toEqual([]);
  });
});

/** Statements with a plan (not transaction control or settings). */
function isPlannable(sql: string): boolean {
  return /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}

/** The number of `?` placeholders outside quoted strings and names. */
function placeholderCount(sql: string): number {
  let n = 0;
  let quote: string | null = null;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "?") n++;
  }
  return n;
}

/** The tables a statement names under another name (`FROM "Annotation" AS "a"`, `JOIN Reply r`), by that name. */
function tableAliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:FROM|JOIN|,)\s+(?:[`"]?main[`"]?\.)?[`"]?(\w+)[`"]?(?:\s+AS)?\s+[`"]?(\w+)[`"]?/gi;
  for (const m of sql.matchAll(re)) {
    const [, table, alias] = m;
    if (/^(WHERE|ON|JOIN|LEFT|INNER|CROSS|GROUP|ORDER|LIMIT|USING|SET|VALUES|SELECT|AND|OR|UNION|NATURAL)$/i.test(alias!)) continue;
    out.set(alias!, table!);
  }
  return out;
}

interface PgPlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  Plans?: PgPlanNode[];
}

describe.skipIf(SQLITE)("query plans (PostgreSQL)", () => {
  let client: pg.Client;
  beforeAll(async () => {
    await dayOfWork();
    watchStatements(null);
    client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
  });
  afterAll(() => client?.end());

  it("no statement of a day's work needs to read a growing table whole", async () => {
    const failures: string[] = [];
    const unplanned: string[] = [];
    const { rows: indexes } = await client.query<{ index: string; table: string; first: string }>(
      `SELECT i.relname AS "index", t.relname AS "table", a.attname AS "first" FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0] JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()`,
    );
    const leadingColumn = new Map(indexes.map((i) => [i.index, i.first]));
    const tableOfIndex = new Map(indexes.map((i) => [i.index, i.table]));
    let explained = 0;
    for (const sql of [...recorded].sort()) {
      if (!isPlannable(sql)) continue;
      const params = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      await client.query("BEGIN");
      try {
        // Every other way being priced out, a table is still read whole only when no index serves.
        // (Bitmap scans too: a bitmap of a whole index is a walk of it.)
        await client.query("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL plan_cache_mode = force_generic_plan");
        await client.query(`PREPARE qp AS ${sql}`);
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE qp(${new Array(params).fill("NULL").join(", ")})`);
        explained++;
        const visit = (n: PgPlanNode) => {
          const table = n["Relation Name"];
          if (table && GROWING.has(table)) {
            if (n["Node Type"] === "Seq Scan") failures.push(`Seq Scan on ${table}\n    in: ${sql}`);
            else if (/^(Index (Only )?Scan|Bitmap Index Scan)$/.test(n["Node Type"]) && !n["Index Cond"]) failures.push(`${n["Node Type"]} of all ${n["Index Name"]} on ${table}\n    in: ${sql}`);
          }
          // A condition on a later column of an index only filters a walk of all of it.
          if (n["Index Name"] && n["Index Cond"] && GROWING.has(tableOfIndex.get(n["Index Name"]) ?? "")) {
            const first = leadingColumn.get(n["Index Name"])!;
            if (!new RegExp(`(^|[^A-Za-z0-9_])"?${first}"?\\s*(=|IS|>|<)`).test(n["Index Cond"])) failures.push(`${n["Node Type"]} using ${n["Index Name"]} without its leading column ${first}: ${n["Index Cond"]}\n    in: ${sql}`);
          }
          for (const c of n.Plans ?? []) visit(c);
        };
        visit((rows[0] as { "QUERY PLAN": Array<{ Plan: PgPlanNode }> })["QUERY PLAN"][0]!.Plan);
      } catch (e) {
        unplanned.push(`${(e as Error).message}\n    in: ${sql.slice(0, 300)}`);
      } finally {
        await client.query("ROLLBACK");
        await client.query("DEALLOCATE ALL");
      }
    }
    console.log(`query plans (PostgreSQL): ${recorded.size} distinct statements recorded, ${explained} explained`);
    expect(unplanned, unplanned.join("\n")).toEqual([]);
    expect(failures, failures.join("\n")).toEqual([]);
  });
});
