import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { addMember, anchorOn as anchorIn, buildTestApp, buildWorld, createWorkspace, importDocument, type AppClient, type TestApp } from "../helpers/kit.ts";
import { FORECAST, NAVAL, SANCTIONS, TITLE, TREATY, type Article } from "../fixtures/deterrence.ts";
import { DESK } from "../fixtures/desk.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ClaimHistoryDto, ClaimPageDto, ClaimStatsDto, ClaimUpdateDto } from "../../common/review.ts";

let t: TestApp;
let owner: AppClient, editor: AppClient, ana: AppClient, ben: AppClient, viewer: AppClient, stranger: AppClient;
let workspaceId: string;
let documentId: string;
let otherDocumentId: string;
let paragraphs: Array<{ id: string; text: string }>;
let otherParagraphs: Array<{ id: string; text: string }>;

/** The shared article with two more claims to review in place of its list. */
const ARTICLE: Article = { title: TITLE, paragraphs: [TREATY, FORECAST, NAVAL, SANCTIONS] };

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, { members: DESK, document: { article: ARTICLE } });
  ({ owner, workspaceId, documentId, paragraphs } = world);
  ({ editor, ana, ben, viewer } = world.users);
  stranger = await t.signUp({ displayName: "Stranger" });
  ({ id: otherDocumentId, paragraphs: otherParagraphs } = await importDocument(owner, workspaceId, { article: ARTICLE }));
});
afterAll(async () => {
  await t?.close();
});

const anchorOn = (text: string, within = paragraphs) => anchorIn(within, text);

async function claim(by: AppClient, quote: string, body = "Needs a source", extra: object = {}, doc = documentId): Promise<AnnotationDto> {
  const res = await by.post(`/api/documents/${doc}/annotations`, { kind: "claim", body, anchor: anchorOn(quote, doc === documentId ? paragraphs : otherParagraphs), ...extra });
  expect(res.status).toBe(201);
  return res.body.annotation;
}

async function review(by: AppClient, id: string, input: object) {
  return by.post(`/api/annotations/${id}/review`, input);
}

async function versionOf(id: string): Promise<number> {
  return (await t.db.claimReview.findUniqueOrThrow({ where: { annotationId: id } })).version;
}

describe("review rules per role", () => {
  it("lets an analyst propose and withdraw their own claim, and nothing more", async () => {
    const c = await claim(ana, "three new regional agreements by 2030");
    const up = await review(ana, c.id, { version: 1, status: "in_review" });
    expect(up.status).toBe(200);
    expect((up.body as ClaimUpdateDto).claim).toMatchObject({ status: "in_review", version: 2 });
    expect((up.body as ClaimUpdateDto).change).toMatchObject({ fromStatus: "open", toStatus: "in_review", actor: { id: ana.id } });

    const decide = await review(ana, c.id, { version: 2, status: "supported", rationale: "I checked" });
    expect(decide.status).toBe(403);
    const other = await review(ben, c.id, { version: 2, status: "open" });
    expect(other.status).toBe(403);
    const rationale = await review(ana, c.id, { version: 2, rationale: "my own take" });
    expect(rationale.status).toBe(403);

    const back = await review(ana, c.id, { version: 2, status: "open" });
    expect(back.body.claim.status).toBe("open");
    expect(await versionOf(c.id)).toBe(3);
  });

  it("lets editors decide a verdict only with a rationale, and records reviewer and time", async () => {
    const c = await claim(ana, "moved it elsewhere");
    const bare = await review(editor, c.id, { version: 1, status: "false" });
    expect(bare.status).toBe(400);
    expect(bare.body.error.field).toBe("rationale");

    const before = Date.now();
    const ok = await review(editor, c.id, { version: 1, status: "false", rationale: "Talks continued in other forums.", sources: ["https://example.org/report"] });
    expect(ok.status).toBe(200);
    const state = (ok.body as ClaimUpdateDto).claim;
    expect(state).toMatchObject({ status: "false", reviewerId: editor.id, rationale: "Talks continued in other forums.", sources: ["https://example.org/report"], version: 2 });
    expect(Date.parse(state.decidedAt!)).toBeGreaterThanOrEqual(before - 1000);

    // A verdict never turns into another verdict directly: it is reopened first.
    const swap = await review(editor, c.id, { version: 2, status: "misleading", rationale: "x" });
    expect(swap.status).toBe(400);
    expect(swap.body.error.field).toBe("status");
    expect(swap.body.error.details.allowed).toEqual(["open", "in_review", "retracted"]);

    const reopened = await review(owner, c.id, { version: 2, status: "in_review" });
    expect(reopened.body.claim).toMatchObject({ status: "in_review", reviewerId: null, decidedAt: null, rationale: "Talks continued in other forums." });
    const analystReopen = await review(ana, c.id, { version: 3, status: "supported", rationale: "no" });
    expect(analystReopen.status).toBe(403);
  });

  it("lets the author or an editor retract and restore, but not another analyst", async () => {
    const c = await claim(ana, "Naval incidents fell by half");
    expect((await review(ben, c.id, { version: 1, status: "retracted" })).status).toBe(403);
    const r = await review(ana, c.id, { version: 1, status: "retracted" });
    expect(r.body.claim.status).toBe("retracted");
    expect((await review(ana, c.id, { version: 2, status: "in_review" })).status).toBe(400);
    const restored = await review(ana, c.id, { version: 2, status: "open" });
    expect(restored.body.claim.status).toBe("open");
    const byEditor = await review(editor, c.id, { version: 3, status: "retracted" });
    expect(byEditor.body.claim.status).toBe("retracted");
  });

  it("refuses viewers (403), strangers (404), non-claims and bad sources (400 naming the field)", async () => {
    const c = await claim(ana, "four percent of output");
    expect((await review(viewer, c.id, { version: 1, status: "in_review" })).status).toBe(403);
    expect((await review(stranger, c.id, { version: 1, status: "in_review" })).status).toBe(404);
    expect((await stranger.get(`/api/annotations/${c.id}/review/history`)).status).toBe(404);

    const js = await review(editor, c.id, { version: 1, status: "supported", rationale: "ok", sources: ["javascript:alert(1)"] });
    expect(js.status).toBe(400);
    expect(js.body.error.field).toBe("sources.0");
    const many = await review(editor, c.id, { version: 1, status: "supported", rationale: "ok", sources: Array.from({ length: 21 }, (_, i) => `https://example.org/${i}`) });
    expect(many.status).toBe(400);
    expect(many.body.error.field).toBe("sources");
    const badStatus = await review(editor, c.id, { version: 1, status: "true" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.field).toBe("status");
    const nothing = await review(editor, c.id, { version: 1 });
    expect(nothing.status).toBe(400);

    const comment = await ana.post(`/api/documents/${documentId}/annotations`, { kind: "comment", body: "x", anchor: anchorOn("first year alone") });
    const notClaim = await review(editor, comment.body.annotation.id, { version: 1, status: "in_review" });
    expect(notClaim.status).toBe(400);
    expect(notClaim.body.error.field).toBe("annotationId");
    expect(await versionOf(c.id)).toBe(1);
  });
});

describe("conflicts, idempotency and history", () => {
  it("answers a stale version with 409 and the current state, and writes nothing", async () => {
    const c = await claim(ana, "none will be verifiable");
    await review(editor, c.id, { version: 1, status: "in_review" });
    const stale = await review(owner, c.id, { version: 1, status: "open" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ annotationId: c.id, claim: { status: "in_review", version: 2 } });
    expect(await t.db.claimReviewChange.count({ where: { annotationId: c.id } })).toBe(1);
  });

  it("writes a repeated clientMutationId once", async () => {
    const c = await claim(ana, "did not end arms control");
    const clientMutationId = randomUUID();
    const first = await review(editor, c.id, { version: 1, status: "in_review", clientMutationId });
    const again = await review(editor, c.id, { version: 1, status: "in_review", clientMutationId });
    expect(again.status).toBe(200);
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await t.db.claimReviewChange.count({ where: { annotationId: c.id } })).toBe(1);
    expect(await t.db.documentEvent.count({ where: { clientMutationId } })).toBe(1);
  });

  it("keeps every change in the claim's history, in order, and in the document's event log", async () => {
    const c = await claim(ana, "according to the ministry");
    const seqBefore = (await t.db.document.findUniqueOrThrow({ where: { id: documentId } })).lastSeq;
    await review(ana, c.id, { version: 1, status: "in_review" });
    await editor.post(`/api/annotations/${c.id}/assign`, { version: 2, assigneeId: ben.id });
    await review(editor, c.id, { version: 3, status: "disputed", rationale: "The ministry’s figures are contested.", sources: ["https://example.org/a", "http://example.com/b"] });
    await review(editor, c.id, { version: 4, rationale: "Contested by two NGOs." });

    const res = await ana.get(`/api/annotations/${c.id}/review/history`);
    expect(res.status).toBe(200);
    const h = res.body as ClaimHistoryDto;
    expect(h.created.by.id).toBe(ana.id);
    expect(h.claim).toMatchObject({ status: "disputed", rationale: "Contested by two NGOs.", version: 5 });
    expect(h.changes.map((x) => [x.version, x.actor?.id, x.fromStatus, x.toStatus])).toEqual([
      [2, ana.id, "open", "in_review"],
      [3, editor.id, "in_review", "in_review"],
      [4, editor.id, "in_review", "disputed"],
      [5, editor.id, "disputed", "disputed"],
    ]);
    expect(h.changes[1]!.changes).toEqual({ assigneeId: { from: null, to: ben.id } });
    expect(h.changes[2]!.changes.sources).toEqual({ from: [], to: ["https://example.org/a", "http://example.com/b"] });
    expect(h.changes[3]!.changes).toEqual({ rationale: { from: "The ministry’s figures are contested.", to: "Contested by two NGOs." } });

    const log = await ana.get(`/api/documents/${documentId}/events?after=${seqBefore}`);
    const types = log.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(["claim.reviewed", "claim.assigned", "claim.reviewed", "claim.reviewed"]);
    expect(log.body.events[2].payload).toMatchObject({ annotationId: c.id, claim: { status: "disputed" }, change: { toStatus: "disputed" } });
  });
});

describe("assignment grants the review of that claim", () => {
  it("lets an assigned analyst decide it, and nobody below editor decide a claim not assigned to them", async () => {
    const c = await claim(ana, "the hotline opened");
    expect((await review(ben, c.id, { version: 1, status: "in_review" })).status).toBe(403);
    expect((await editor.post(`/api/annotations/${c.id}/assign`, { version: 1, assigneeId: ben.id })).status).toBe(200);
    const decided = await review(ben, c.id, { version: 2, status: "disputed", rationale: "The log shows the line was down.", sources: ["https://archive.example.org/hotline"] });
    expect(decided.status).toBe(200);
    expect(decided.body.claim).toMatchObject({ status: "disputed", reviewerId: ben.id });
    // Ana wrote it and may retract it, but deciding is for reviewers: she is not one.
    expect((await review(ana, c.id, { version: 3, status: "open" })).status).toBe(403);
  });
});

describe("assignment and the review queue", () => {
  it("lets editors assign to analysts and above; each assignee sees their own open queue across workspaces", async () => {
    const c1 = await claim(ana, "Sanctions cost the economy");
    const c2 = await claim(ben, "the hotline opened");
    expect((await ana.post(`/api/annotations/${c1.id}/assign`, { version: 1, assigneeId: ben.id })).status).toBe(403);
    const toViewer = await editor.post(`/api/annotations/${c1.id}/assign`, { version: 1, assigneeId: viewer.id });
    expect(toViewer.status).toBe(400);
    expect(toViewer.body.error.field).toBe("assigneeId");
    expect((await editor.post(`/api/annotations/${c1.id}/assign`, { version: 1, assigneeId: stranger.id })).status).toBe(400);

    expect((await editor.post(`/api/annotations/${c1.id}/assign`, { version: 1, assigneeId: ben.id })).body.claim.assigneeId).toBe(ben.id);
    expect((await editor.post(`/api/annotations/${c2.id}/assign`, { version: 1, assigneeId: ben.id })).status).toBe(200);
    // A claim in another workspace, also Ben's.
    const ws2 = await createWorkspace(owner, "Second desk");
    await addMember(owner, ws2, ben, "editor");
    const { id: doc2, paragraphs: paras2 } = await importDocument(owner, ws2, { article: ARTICLE });
    const p = paras2.find((x) => x.text.includes("arms control"))!;
    const c3 = (await owner.post(`/api/documents/${doc2}/annotations`, { kind: "claim", body: "x", anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 10 } } })).body.annotation;
    await owner.post(`/api/annotations/${c3.id}/assign`, { version: 1, assigneeId: ben.id });

    const queue = (await ben.get(`/api/me/review-queue`)).body as ClaimPageDto;
    const ids = queue.claims.map((c) => c.annotationId);
    expect(ids).toEqual(expect.arrayContaining([c1.id, c2.id, c3.id]));
    expect(queue.claims.find((c) => c.annotationId === c3.id)!.documentId).toBe(doc2);
    expect(queue.claims.every((c) => c.assignee?.id === ben.id && (c.status === "open" || c.status === "in_review"))).toBe(true);
    expect((await ana.get(`/api/me/review-queue`)).body.claims.map((c: { annotationId: string }) => c.annotationId)).not.toContain(c1.id);

    // A decided claim leaves the queue; so do claims of a workspace Ben has left.
    await review(editor, c1.id, { version: 2, status: "supported", rationale: "Matches IMF data." });
    const m = await t.db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: ws2, userId: ben.id } } });
    await owner.delete(`/api/workspaces/${ws2}/members/${m.userId}`);
    const after = ((await ben.get(`/api/me/review-queue`)).body as ClaimPageDto).claims.map((c) => c.annotationId);
    expect(after).toContain(c2.id);
    expect(after).not.toContain(c1.id);
    expect(after).not.toContain(c3.id);
    expect((await ben.get(`/api/me/review-queue?limit=500`)).status).toBe(400);
  });
});

describe("bulk actions", () => {
  it("sets a status on many claims at once, leaving ones already there unchanged", async () => {
    const cs = [await claim(ana, "The treaty’s collapse"), await claim(ana, "in 2019"), await claim(ben, "Analysts expect")];
    await review(editor, cs[2]!.id, { version: 1, status: "in_review" });
    const res = await editor.post(`/api/documents/${documentId}/claims/bulk`, { action: "setStatus", status: "in_review", annotationIds: cs.map((c) => c.id) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ action: "setStatus", annotationIds: [cs[0]!.id, cs[1]!.id], unchanged: [cs[2]!.id] });
    for (const c of cs) expect((await t.db.claimReview.findUniqueOrThrow({ where: { annotationId: c.id } })).status).toBe("in_review");
    expect(await t.db.claimReviewChange.count({ where: { annotationId: cs[0]!.id } })).toBe(1);
  });

  it("is all or nothing: one refused claim undoes the batch and is named", async () => {
    const mine = await claim(ana, "regional agreements");
    const bens = await claim(ben, "hotline");
    const res = await ana.post(`/api/documents/${documentId}/claims/bulk`, { action: "setStatus", status: "in_review", annotationIds: [mine.id, bens.id] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(bens.id);
    expect((await t.db.claimReview.findUniqueOrThrow({ where: { annotationId: mine.id } })).status).toBe("open");
    expect(await t.db.claimReviewChange.count({ where: { annotationId: mine.id } })).toBe(0);
  });

  it("assigns and tags many claims in a workspace, and validates the selection", async () => {
    const parent = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Economy" })).body.tag;
    const cs = [await claim(ana, "four percent"), await claim(ana, "first year", "x", {}, otherDocumentId)];
    const ids = cs.map((c) => c.id);
    const assign = await editor.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "assign", assigneeId: ana.id, annotationIds: ids });
    expect(assign.body.annotationIds).toEqual(ids);
    const tag = await ana.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "addTag", tagId: parent.id, annotationIds: ids });
    expect(tag.status).toBe(200);
    for (const id of ids) {
      const row = await t.db.annotation.findUniqueOrThrow({ where: { id }, include: { tags: true, review: true } });
      expect(row.tags.map((x) => x.tagId)).toEqual([parent.id]);
      expect(row.version).toBe(2);
      expect(row.review!.assigneeId).toBe(ana.id);
    }
    const untag = await ana.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "removeTag", tagId: parent.id, annotationIds: ids });
    expect(untag.body.annotationIds).toEqual(ids);
    expect(await t.db.annotationTag.count({ where: { annotationId: { in: ids } } })).toBe(0);

    // Document scope refuses a claim of another document; a viewer may not act; a stranger gets 404.
    const scoped = await editor.post(`/api/documents/${documentId}/claims/bulk`, { action: "assign", assigneeId: null, annotationIds: ids });
    expect(scoped.status).toBe(400);
    expect(scoped.body.error.field).toBe("annotationIds");
    expect(scoped.body.error.details.missing).toEqual([cs[1]!.id]);
    expect((await viewer.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "addTag", tagId: parent.id, annotationIds: ids })).status).toBe(403);
    expect((await stranger.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "addTag", tagId: parent.id, annotationIds: ids })).status).toBe(404);
    const tooMany = await editor.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "assign", assigneeId: null, annotationIds: Array.from({ length: 501 }, (_, i) => `a_${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe("annotationIds");
    const badAction = await editor.post(`/api/workspaces/${workspaceId}/claims/bulk`, { action: "explode", annotationIds: ids });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.field).toBe("action");
  });
});

describe("claims dashboard", () => {
  let ws: string;
  let doc: string;
  let paras: Array<{ id: string; text: string }>;
  const made: Record<string, AnnotationDto> = {};

  const at = (text: string) => anchorIn(paras, text);

  beforeAll(async () => {
    ws = await createWorkspace(owner, "Dashboard desk");
    await addMember(owner, ws, ana, "analyst");
    await addMember(owner, ws, ben, "analyst");
    await addMember(owner, ws, editor, "editor");
    ({ id: doc, paragraphs: paras } = await importDocument(owner, ws, { article: ARTICLE }));
    const region = (await owner.post(`/api/workspaces/${ws}/tags`, { name: "Region" })).body.tag;
    const baltic = (await owner.post(`/api/workspaces/${ws}/tags`, { name: "Baltic", parentId: region.id })).body.tag;
    const econ = (await owner.post(`/api/workspaces/${ws}/tags`, { name: "Economy" })).body.tag;
    const mk = async (key: string, by: AppClient, quote: string, body: string, tagIds: string[]) => {
      made[key] = (await by.post(`/api/documents/${doc}/annotations`, { kind: "claim", body, anchor: at(quote), tagIds })).body.annotation;
    };
    await mk("treaty", ana, "The treaty’s collapse in 2019", "Date check", [region.id]);
    await mk("agreements", ana, "three new regional agreements", "Forecast SOURCE missing", [baltic.id]);
    await mk("naval", ben, "Naval incidents fell by half", "Ministry data", [baltic.id, econ.id]);
    await mk("sanctions", ben, "four percent of output", "IMF says three", [econ.id]);
    // Not a claim: never listed.
    await ana.post(`/api/documents/${doc}/annotations`, { kind: "comment", body: "source?", anchor: at("moved it elsewhere") });
    await editor.post(`/api/annotations/${made.naval!.id}/review`, { version: 1, status: "in_review" });
    await editor.post(`/api/annotations/${made.sanctions!.id}/review`, { version: 1, status: "false", rationale: "IMF puts it at 3%." });
    await editor.post(`/api/annotations/${made.agreements!.id}/assign`, { version: 1, assigneeId: ben.id });
    // Stances: Ana supports then disputes (latest counts), Ben questions, a "none" reply changes nothing, Editor's reply is deleted.
    const on = made.naval!.id;
    await ana.post(`/api/annotations/${on}/replies`, { body: "Plausible", stance: "supports" });
    await ben.post(`/api/annotations/${on}/replies`, { body: "Which year?", stance: "questions" });
    await ana.post(`/api/annotations/${on}/replies`, { body: "On reflection, no", stance: "disputes" });
    await ana.post(`/api/annotations/${on}/replies`, { body: "Just a note", stance: "none" });
    const gone = await editor.post(`/api/annotations/${on}/replies`, { body: "Agree", stance: "supports" });
    await editor.delete(`/api/replies/${gone.body.reply.id}`);
    await ben.post(`/api/annotations/${made.treaty!.id}/replies`, { body: "ok", stance: "supports" });
  });

  const list = async (q: string, user: AppClient = ana) => {
    const res = await user.get(`/api/documents/${doc}/claims${q}`);
    expect(res.status).toBe(200);
    return res.body as ClaimPageDto;
  };
  const keysOf = (page: ClaimPageDto) => page.claims.map((c) => Object.entries(made).find(([, a]) => a.id === c.annotationId)![0]);

  it("lists claims with quote, tags, status, assignee, stance tally, reply count and age", async () => {
    const page = await list("?sort=created&order=asc");
    expect(page.total).toBe(4);
    expect(keysOf(page)).toEqual(["treaty", "agreements", "naval", "sanctions"]);
    const naval = page.claims[2]!;
    expect(naval).toMatchObject({ quote: "Naval incidents fell by half", status: "in_review", body: "Ministry data", author: { id: ben.id }, replyCount: 4 });
    expect(naval.stances).toEqual({ supports: 0, disputes: 1, questions: 1 });
    expect(naval.tags.map((x) => x.path).sort()).toEqual(["Economy", "Region > Baltic"]);
    expect(page.claims[1]!.assignee).toEqual({ id: ben.id, displayName: "Ben Analyst" });
    expect(page.claims[3]!.reviewer?.id).toBe(editor.id);
    expect(page.claims[0]!.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it("filters by status (several), tag with descendants, author, assignee and text", async () => {
    expect(keysOf(await list("?status=in_review,false"))).toEqual(expect.arrayContaining(["naval", "sanctions"]));
    expect((await list("?status=in_review&status=false")).total).toBe(2);
    const region = await t.db.tag.findFirstOrThrow({ where: { workspaceId: ws, name: "Region" } });
    expect(keysOf(await list(`?tag=${region.id}&sort=created&order=asc`))).toEqual(["treaty", "agreements", "naval"]);
    expect(keysOf(await list(`?author=${ben.id}&sort=created&order=asc`))).toEqual(["naval", "sanctions"]);
    expect(keysOf(await list(`?assignee=${ben.id}`))).toEqual(["agreements"]);
    expect(keysOf(await list(`?assignee=me`, ben))).toEqual(["agreements"]);
    expect((await list(`?assignee=none`)).total).toBe(3);
    expect(keysOf(await list(`?q=source`))).toEqual(["agreements"]);
    expect(keysOf(await list(`?q=NAVAL%20incidents`))).toEqual(["naval"]);
    const bad = await ana.get(`/api/documents/${doc}/claims?status=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("status.0");
    expect((await ana.get(`/api/documents/${doc}/claims?limit=201`)).body.error.field).toBe("limit");
    expect((await stranger.get(`/api/documents/${doc}/claims`)).status).toBe(404);
    expect((await stranger.get(`/api/workspaces/${ws}/claims/stats`)).status).toBe(404);
  });

  it("sorts by status in workflow order, replies, and age, and pages on the server without overlap", async () => {
    expect(keysOf(await list("?sort=status&order=asc")).slice(0, 2)).toEqual(["treaty", "agreements"]);
    expect(keysOf(await list("?sort=status&order=asc")).slice(2)).toEqual(["naval", "sanctions"]);
    expect(keysOf(await list("?sort=replies&order=desc"))[0]).toBe("naval");
    expect(keysOf(await list("?sort=age&order=desc"))[0]).toBe("treaty");
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: ClaimPageDto = await list(`?sort=created&order=desc&limit=3&offset=${offset}`);
      expect(page.claims.length).toBeLessThanOrEqual(3);
      seen.push(...page.claims.map((c) => c.annotationId));
      offset = page.nextOffset;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it("counts claims per status and per tag, under the same filters, for documents and workspaces", async () => {
    const stats = (await ana.get(`/api/workspaces/${ws}/claims/stats`)).body as ClaimStatsDto;
    expect(stats.total).toBe(4);
    expect(stats.byStatus).toMatchObject({ open: 2, in_review: 1, false: 1, supported: 0, retracted: 0 });
    expect(Object.fromEntries(stats.byTag.map((x) => [x.path, x.count]))).toEqual({ "Region > Baltic": 2, Economy: 2, Region: 1 });
    const filtered = (await ana.get(`/api/documents/${doc}/claims/stats?author=${ben.id}`)).body as ClaimStatsDto;
    expect(filtered.total).toBe(2);
    expect(filtered.byStatus.in_review).toBe(1);
    const wsList = (await ana.get(`/api/workspaces/${ws}/claims?limit=2`)).body as ClaimPageDto;
    expect(wsList).toMatchObject({ total: 4, limit: 2, offset: 0, nextOffset: 2 });
  });
});

describe("a claims dashboard past a thousand claims", () => {
  it("filters by text when more than a thousand claims match, and pages through them", async () => {
    const ws = await createWorkspace(owner, "Large desk");
    await addMember(owner, ws, ana, "analyst");
    const { id: doc, paragraphs: ps } = await importDocument(owner, ws, { article: ARTICLE });
    const p = ps.find((x) => x.text.includes("Naval incidents"))!;
    const now = new Date();
    const ids = Array.from({ length: 1_300 }, (_, i) => `a_bigdesk_${String(i).padStart(4, "0")}`);
    for (let i = 0; i < ids.length; i += 250) {
      const chunk = ids.slice(i, i + 250);
      await t.db.annotation.createMany({
        data: chunk.map((id, j) => ({
          id,
          documentId: doc,
          authorId: ana.id,
          kind: "claim",
          // Every one mentions the convoy; every other one, its figures.
          body: JSON.stringify({ format: "text", text: (i + j) % 2 ? "convoy figures unsourced" : "convoy needs a date" }),
          startPid: p.id,
          startOffset: 0,
          endPid: p.id,
          endOffset: 5,
          quote: p.text.slice(0, 5),
          prefix: "",
          suffix: p.text.slice(5, 37),
          docVersion: 1,
          createdAt: now,
          updatedAt: now,
        })),
      });
      await t.db.claimReview.createMany({ data: chunk.map((annotationId) => ({ annotationId, updatedAt: now })) });
    }
    const all = await ana.get(`/api/documents/${doc}/claims?limit=200`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(1_300);
    const convoy = await ana.get(`/api/documents/${doc}/claims?q=convoy&limit=200&offset=600`);
    expect(convoy.status, JSON.stringify(convoy.body).slice(0, 300)).toBe(200);
    expect(convoy.body.total).toBe(1_300);
    expect(convoy.body.claims).toHaveLength(200);
    expect((convoy.body as ClaimPageDto).claims.every((c) => c.body.includes("convoy"))).toBe(true);
    const none = await ana.get(`/api/documents/${doc}/claims?q=submarine`);
    expect(none.body.total).toBe(0);
    const wide = await ana.get(`/api/workspaces/${ws}/claims?q=figures&limit=10`);
    expect(wide.status).toBe(200);
    expect(wide.body.total).toBe(650);
    expect((wide.body as ClaimPageDto).claims.every((c) => c.body.includes("figures"))).toBe(true);
  });
});

describe("review input the database could not store", () => {
  it("refuses unstorable rationale text and out-of-range versions with a 400 naming the field", async () => {
    const c = await claim(ana, "Sanctions cost the economy");
    const lone = await review(editor, c.id, { version: 1, status: "supported", rationale: "ok \ud800 broken" });
    expect(lone.status).toBe(400);
    expect(lone.body.error.field).toBe("rationale");
    const nul = await review(editor, c.id, { version: 1, status: "supported", rationale: "ok \u0000 nul" });
    expect(nul.status).toBe(400);
    expect(nul.body.error.field).toBe("rationale");
    const big = await review(editor, c.id, { version: 2 ** 31, status: "in_review" });
    expect(big.status).toBe(400);
    expect(big.body.error.field).toBe("version");
    expect(await versionOf(c.id)).toBe(1);
  });
});
