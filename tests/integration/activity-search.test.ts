/**
 * Activity, audit and search over REST, on SQLite and PostgreSQL: every change (membership,
 * invites, imports, deletions, exports, annotations, replies, reviews) is in the logs with who
 * and when; pages never repeat or skip; owners read the audit log (also as CSV), kept after the
 * document it names is deleted; search finds text, notes, replies and tags with filters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, buildWorld, importDocument, type AppClient, type TestApp } from "../helpers/kit.ts";
import { GRAIN_CORRIDOR } from "../fixtures/grain-corridor.ts";
import type { ActivityEntryDto, ActivityPageDto, AuditPageDto, SearchPageDto } from "../../common/activity.ts";

let t: TestApp;
let owner: AppClient;
let ana: AppClient;
let ben: AppClient;
let stranger: AppClient;
let workspaceId: string;
let documentId: string;
let claimId: string;
let commentId: string;
let tagId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, {
    owner: { displayName: "Olga Owner" },
    workspace: "Grain desk",
    members: { ana: { role: "analyst", displayName: "Ana Analyst" }, ben: { role: "viewer", displayName: "Ben Reader" } },
    document: null,
  });
  ({ owner, workspaceId } = world);
  ({ ana, ben } = world.users);
  stranger = await t.signUp({ displayName: "Stranger" });
  expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${ben.id}`, { role: "analyst" })).status).toBe(200);
  const { id, paragraphs } = await importDocument(owner, workspaceId, { article: GRAIN_CORRIDOR });
  documentId = id;
  const insurers = paragraphs.find((p) => p.text.startsWith("Insurers"))!;
  const corridor = paragraphs.find((p) => p.text.startsWith("The corridor"))!;
  tagId = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Maritime insurance", description: "Premiums and cover" })).body.tag.id;
  claimId = (
    await ana.post(`/api/documents/${documentId}/annotations`, {
      kind: "claim",
      body: "Premiums tripled within a month",
      tagIds: [tagId],
      anchor: { start: { paragraphId: insurers.id, offset: 0 }, end: { paragraphId: insurers.id, offset: 8 } },
    })
  ).body.annotation.id;
  commentId = (
    await ben.post(`/api/documents/${documentId}/annotations`, {
      kind: "comment",
      body: "Compare with the tonnage reported by the port authority",
      anchor: { start: { paragraphId: corridor.id, offset: 4 }, end: { paragraphId: corridor.id, offset: 12 } },
    })
  ).body.annotation.id;
  expect((await ben.post(`/api/annotations/${claimId}/replies`, { body: "Lloyd's figures say premiums doubled, not tripled", stance: "disputes" })).status).toBe(201);
  expect((await owner.post(`/api/annotations/${claimId}/review`, { version: 1, status: "in_review" })).status).toBe(200);
  expect((await owner.get(`/api/documents/${documentId}/export?format=csv`)).status).toBe(200);
  const doomed = (await owner.post(`/api/workspaces/${workspaceId}/documents`, { format: "txt", content: "Draft to discard\n\nNothing here yet." })).body.document.id;
  expect((await owner.delete(`/api/documents/${doomed}`)).status).toBe(204);
  expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${ben.id}`)).status).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

async function allPages(user: AppClient, path: string, limit: number): Promise<ActivityEntryDto[]> {
  const out: ActivityEntryDto[] = [];
  let before: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await user.get(`${path}${sep}limit=${limit}${before ? `&before=${before}` : ""}`);
    expect(res.status).toBe(200);
    const page = res.body as ActivityPageDto;
    out.push(...page.entries);
    if (!page.nextBefore) return out;
    before = page.nextBefore;
  }
  throw new Error("too many pages");
}

describe("workspace activity", () => {
  it("lists every kind of change, newest first, the same in any page size", async () => {
    const whole = await allPages(owner, `/api/workspaces/${workspaceId}/activity`, 200);
    const paged = await allPages(owner, `/api/workspaces/${workspaceId}/activity`, 3);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(new Set(whole.map((e) => e.id)).size).toBe(whole.length);
    const times = whole.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const types = new Set(whole.map((e) => e.type));
    for (const type of ["workspace.created", "invite.created", "invite.accepted", "member.joined", "member.role_changed", "member.removed", "document.imported", "document.deleted", "document.exported", "tag.created", "annotation.created", "reply.created", "claim.reviewed"]) {
      expect(types, type).toContain(type);
    }
    const role = whole.find((e) => e.type === "member.role_changed")!;
    expect(role.actor).toEqual({ id: owner.id, displayName: "Olga Owner" });
    expect(role.summary).toBe("changed Ben Reader's role from viewer to analyst");
    const deleted = whole.find((e) => e.type === "document.deleted")!;
    expect(deleted.documentTitle).toBe("Draft to discard");
  });

  it("filters by kind (a type's first part) and by person", async () => {
    const members = await allPages(owner, `/api/workspaces/${workspaceId}/activity?type=member`, 50);
    expect(members.length).toBeGreaterThanOrEqual(3);
    expect(members.every((e) => e.type.startsWith("member."))).toBe(true);
    const byAna = await allPages(owner, `/api/workspaces/${workspaceId}/activity?actor=${ana.id}`, 50);
    expect(byAna.length).toBeGreaterThan(0);
    expect(byAna.every((e) => e.actor?.id === ana.id)).toBe(true);
    expect(byAna.map((e) => e.type)).toContain("annotation.created");
  });

  it("answers strangers 404 and refuses a forged cursor", async () => {
    expect((await stranger.get(`/api/workspaces/${workspaceId}/activity`)).status).toBe(404);
    const bad = await owner.get(`/api/workspaces/${workspaceId}/activity?before=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("before");
  });
});

describe("document activity", () => {
  it("holds the document's own log and, for owners, the exports of it, each linking to its passage", async () => {
    const entries = await allPages(ana, `/api/documents/${documentId}/activity`, 4);
    const types = entries.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["document.imported", "annotation.created", "reply.created", "claim.reviewed"]));
    expect(types).not.toContain("member.joined");
    // Exports are the audit trail's (common/workspace-event-access.ts): an analyst's page leaves them out.
    expect(types).not.toContain("document.exported");
    const ownerEntries = await allPages(owner, `/api/documents/${documentId}/activity`, 4);
    expect(ownerEntries.filter((e) => e.type !== "document.exported").map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(ownerEntries.some((e) => e.type === "document.exported")).toBe(true);
    const created = entries.find((e) => e.type === "annotation.created" && e.annotationId === claimId)!;
    expect(created.paragraphId).toBeTruthy();
    expect(created.summary).toBe("added a claim on “Insurers”");
    const reply = entries.find((e) => e.type === "reply.created")!;
    expect([reply.annotationId, reply.summary]).toEqual([claimId, "replied (disputes)"]);
    expect((await stranger.get(`/api/documents/${documentId}/activity`)).status).toBe(404);
  });
});

describe("annotation history", () => {
  it("records edits with what changed, replies and reviews, and marks the annotation edited", async () => {
    const before = (await ana.get(`/api/documents/${documentId}/annotations`)).body.annotations.find((a: { id: string }) => a.id === claimId);
    expect(before.editedAt).toBeNull();
    const edited = await ana.patch(`/api/annotations/${claimId}`, { version: before.version, body: "Premiums rose sharply within a month", tagIds: [] });
    expect(edited.status).toBe(200);
    expect(edited.body.annotation.editedAt).not.toBeNull();
    const res = await ana.get(`/api/annotations/${claimId}/history`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as Array<{ type: string; actor: { id: string } | null; changes: Record<string, { from: unknown; to: unknown }> }>;
    expect(entries.map((e) => e.type)).toEqual(["annotation.created", "reply.created", "claim.reviewed", "annotation.updated"]);
    expect(entries[3]!.actor?.id).toBe(ana.id);
    expect(entries[3]!.changes).toEqual({ note: { from: "Premiums tripled within a month", to: "Premiums rose sharply within a month" }, tagIds: { from: [tagId], to: [] } });
    expect((await stranger.get(`/api/annotations/${claimId}/history`)).status).toBe(404);
    // Restore what the search tests below expect.
    expect((await ana.patch(`/api/annotations/${claimId}`, { version: before.version + 1, body: "Premiums tripled within a month", tagIds: [tagId] })).status).toBe(200);
  });
});

describe("audit log", () => {
  it("is for owners, with before and after, and keeps what it names after deletion", async () => {
    expect((await ana.get(`/api/workspaces/${workspaceId}/audit`)).status).toBe(403);
    expect((await stranger.get(`/api/workspaces/${workspaceId}/audit`)).status).toBe(404);
    const res = await owner.get(`/api/workspaces/${workspaceId}/audit?limit=200`);
    expect(res.status).toBe(200);
    const { entries } = res.body as AuditPageDto;
    expect(entries.map((e) => e.type)).not.toContain("annotation.created");
    const role = entries.find((e) => e.type === "member.role_changed")!;
    expect(role.changes).toEqual({ role: { from: "viewer", to: "analyst" } });
    const removed = entries.find((e) => e.type === "member.removed")!;
    expect(removed.changes).toEqual({ role: { from: "analyst", to: null } });
    expect(entries.find((e) => e.type === "document.deleted")!.changes).toEqual({ document: { from: "Draft to discard", to: null } });
    expect(entries.some((e) => e.type === "document.exported" && e.documentId === documentId)).toBe(true);
  });

  it("exports as CSV with a BOM, one row per entry", async () => {
    const res = await owner.get(`/api/workspaces/${workspaceId}/audit?format=csv`).buffer(true).parse((r, cb) => {
      let text = "";
      r.setEncoding("utf8");
      r.on("data", (c: string) => (text += c));
      r.on("end", () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const text = res.body as string;
    expect(text.startsWith("\uFEFFtime,actor,")).toBe(true);
    const json = (await owner.get(`/api/workspaces/${workspaceId}/audit?limit=200`)).body as AuditPageDto;
    expect(text.trim().split("\r\n").length).toBe(json.entries.length + 1);
    expect(text).toContain("changed Ben Reader's role from viewer to analyst");
  });
});

describe("workspace search", () => {
  const search = async (user: AppClient, query: string) => {
    const res = await user.get(`/api/workspaces/${workspaceId}/search?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as SearchPageDto;
  };

  it("finds document text, notes, replies and tags, with the matched words marked", async () => {
    const paragraphHit = await search(ana, "q=tonnes");
    expect(paragraphHit.total).toBe(1);
    const [p] = paragraphHit.results;
    expect(p!.kind).toBe("paragraph");
    expect(p!.documentId).toBe(documentId);
    expect(p!.documentTitle).toBe("Sanctions and the Grain Corridor");
    const [s, e] = p!.highlights[0]!;
    expect(p!.snippet.slice(s, e).toLowerCase()).toBe("tonnes");

    // Both the note and the reply hold both words; every word of the query is required.
    const note = await search(ana, "q=premiums tripled");
    expect(note.results.map((r) => [r.kind, r.annotationId]).sort()).toEqual([["annotation", claimId], ["reply", claimId]]);
    expect((await search(ana, "q=premiums tripled month")).results.map((r) => r.kind)).toEqual(["annotation"]);
    const reply = await search(ana, "q=lloyd");
    expect(reply.results.map((r) => r.kind)).toEqual(["reply"]);
    expect(reply.results[0]!.annotationId).toBe(claimId);
    const tag = await search(ana, "q=insurance");
    expect(tag.results.map((r) => [r.kind, r.tagId])).toEqual([["tag", tagId]]);
  });

  it("matches word prefixes, case and accents aside", async () => {
    expect((await search(ana, "q=CONVOY")).total).toBe(1);
    expect((await search(ana, "q=west")).results.map((r) => r.kind)).toEqual(["paragraph"]);
  });

  it("filters by kind, document, author, tag and claim status", async () => {
    const words = "q=premiums";
    expect((await search(ana, words)).results.map((r) => r.kind).sort()).toEqual(["annotation", "reply", "tag"]);
    expect((await search(ana, `${words}&kind=annotation,reply`)).results.map((r) => r.kind).sort()).toEqual(["annotation", "reply"]);
    expect((await search(ana, `${words}&author=${ben.id}`)).results.map((r) => r.kind)).toEqual(["reply"]);
    expect((await search(ana, `${words}&tag=${tagId}`)).results.map((r) => r.kind).sort()).toEqual(["annotation", "reply"]);
    expect((await search(ana, `${words}&status=in_review&kind=annotation`)).total).toBe(1);
    expect((await search(ana, `${words}&status=supported`)).total).toBe(0);
    expect((await search(ana, `q=compare&document=${documentId}`)).results.map((r) => r.annotationId)).toEqual([commentId]);
  });

  it("follows edits and deletions in the same transaction", async () => {
    expect((await search(ana, "q=compare")).total).toBe(1);
    expect((await owner.delete(`/api/annotations/${commentId}`)).status).toBe(200);
    expect((await search(ana, "q=compare")).results).toEqual([]);
    const v = (await ana.get(`/api/documents/${documentId}/annotations`)).body.annotations.find((a: { id: string }) => a.id === claimId).version;
    expect((await ana.patch(`/api/annotations/${claimId}`, { version: v, body: "Premiums doubled within a month" })).status).toBe(200);
    expect((await search(ana, "q=tripled&kind=annotation")).total).toBe(0);
    expect((await search(ana, "q=doubled&kind=annotation")).total).toBe(1);
  });

  it("pages, answers strangers 404 and names a bad filter", async () => {
    const first = await search(ana, "q=the&limit=1");
    const second = await search(ana, "q=the&limit=1&offset=1");
    expect(first.total).toBeGreaterThan(1);
    expect(first.results[0]).not.toEqual(second.results[0]);
    expect((await stranger.get(`/api/workspaces/${workspaceId}/search?q=grain`)).status).toBe(404);
    const bad = await ana.get(`/api/workspaces/${workspaceId}/search?q=grain&kind=everything`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^kind/);
    expect((await search(ana, "q=%22%2A%28%29")).total).toBe(0);
  });
});
