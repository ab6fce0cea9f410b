/**
 * GET /api/documents/:id/annotations: the default answer as the service makes it, the compact
 * form decoding to the same annotations, compression and ETags, and the cached list following
 * every kind of change that alters it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorOn, buildTestApp, buildWorld, type AppClient, type TestApp } from "../helpers/kit.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import { decodeAnnotationList, encodeAnnotationList, type CompactAnnotationList } from "../../common/compact-list.ts";
import { listAnnotations } from "../../server/modules/annotations/annotations.service.ts";
import { compactAnnotationList, type CompactListSource } from "../../server/modules/annotations/annotation-compact-list.ts";

let t: TestApp;
let owner: AppClient;
let ana: AppClient;
let ben: AppClient;
let viewer: AppClient;
let outsider: AppClient;
let workspaceId: string;
let documentId: string;
let paragraphs: Array<{ id: string; text: string; kind: string }>;

const TEXT =
  "Ports and Power\n\nThe port deal of 2024 gave Beijing leverage over Colombo, according to officials.\n\nOthers doubt it, citing the lease terms and the debt.\n\n" +
  Array.from({ length: 12 }, (_, i) => `Paragraph ${i} repeats that trade routes move when insurance costs rise.`).join("\n\n");

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, {
    members: { Ana: "analyst", Ben: "analyst", viewer: "viewer" },
    document: { content: TEXT, format: "txt" },
  });
  ({ workspaceId, documentId, paragraphs } = world);
  ({ owner, Ana: ana, Ben: ben, viewer } = world.users);
  outsider = await t.signUp({ displayName: "Outsider" });
});
afterAll(async () => {
  await t?.close();
});

const path = (query = "") => `/api/documents/${documentId}/annotations${query}`;

function anchor(quote: string) {
  return { ...anchorOn(paragraphs, quote), quote };
}

async function create(by: AppClient, body: object): Promise<AnnotationDto> {
  const res = await by.post(path(), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.annotation as AnnotationDto;
}

async function summary(): Promise<{ annotations: AnnotationDto[]; seq: number }> {
  const res = await viewer.get(path("?replies=false"));
  expect(res.status).toBe(200);
  return res.body;
}

async function compact(): Promise<{ annotations: AnnotationDto[]; seq: number }> {
  const res = await viewer.get(path("?form=compact"));
  expect(res.status).toBe(200);
  const c = res.body as CompactAnnotationList;
  expect(c.form).toBe("compact");
  return decodeAnnotationList(c);
}

/**
 * The compact answer is, byte for byte, the list without replies as the service reads it now,
 * encoded by the shared encoder (the server writes it from the rows another way).
 */
async function compactIsEncodedList(): Promise<CompactAnnotationList> {
  const res = await viewer.get(path("?form=compact")).set("Accept-Encoding", "identity");
  expect(res.status).toBe(200);
  const fresh = await listAnnotations(t.db, viewer.id, documentId, { replies: false, provider: t.ctx.config.databaseProvider });
  expect(res.text).toBe(JSON.stringify(encodeAnnotationList(fresh, documentId)));
  return res.body as CompactAnnotationList;
}

/** The compact list (decoded) and the summary list are the same, and are what the service makes now. */
async function listsAgree(): Promise<AnnotationDto[]> {
  await compactIsEncodedList();
  const fresh = await listAnnotations(t.db, viewer.id, documentId, { replies: false, provider: t.ctx.config.databaseProvider });
  const [c, s] = [await compact(), await summary()];
  expect(s).toEqual(fresh);
  expect(c).toEqual(fresh);
  // And the summary is the full list (read another way) less the replies.
  const full = (await viewer.get(path())).body as { annotations: AnnotationDto[]; seq: number };
  expect(s.annotations.map(({ thread: _, ...a }) => a)).toEqual(full.annotations.map(({ replies: _, ...a }) => a));
  return c.annotations;
}

const find = (list: AnnotationDto[], id: string) => list.find((a) => a.id === id);

describe("the annotation list", () => {
  let claimId: string;
  let noteId: string;

  it("answers the default form exactly as before, with and without replies", async () => {
    const tag = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Ports", color: "#336699" })).body.tag as { id: string };
    const claim = await create(ana, { kind: "claim", body: "Check this", anchor: anchor("gave Beijing leverage over Colombo"), tagIds: [tag.id] });
    claimId = claim.id;
    noteId = (await create(ben, { kind: "comment", body: "Context please", anchor: anchor("lease terms") })).id;
    await create(ana, { kind: "suggestion", body: "Tighter", replacement: "the debt burden", anchor: anchor("the debt") });
    for (let i = 0; i < 12; i++) await create(i % 2 ? ana : ben, { kind: "comment", body: `note ${i}`, anchor: anchor(`Paragraph ${i} repeats`) });
    expect((await ben.post(`/api/annotations/${claimId}/replies`, { body: "Disputed by the ministry", stance: "disputes" })).status).toBe(201);

    const full = await viewer.get(path());
    expect(full.status).toBe(200);
    expect(Object.keys(full.body).sort()).toEqual(["annotations", "seq"]);
    expect(full.body).toEqual(await listAnnotations(t.db, viewer.id, documentId, { replies: true, provider: t.ctx.config.databaseProvider }));
    expect(find(full.body.annotations, claimId)!.replies).toHaveLength(1);
    // Asked again at the same seq: the same bytes (from the cache).
    expect((await viewer.get(path())).text).toBe(full.text);

    const s = await summary();
    expect(Object.keys(s).sort()).toEqual(["annotations", "seq"]);
    expect(s).toEqual(await listAnnotations(t.db, viewer.id, documentId, { replies: false, provider: t.ctx.config.databaseProvider }));
    expect(find(s.annotations, claimId)!.thread).toEqual({ replyCount: 1, tally: { supports: 0, disputes: 1, questions: 0 } });
    // Without replies, each annotation is exactly its full form less the replies.
    expect(s.annotations.map(({ thread: _, ...a }) => a)).toEqual((full.body.annotations as AnnotationDto[]).map(({ replies: _, ...a }) => a));
  });

  it("answers the compact form, which decodes to the same annotations and is smaller", async () => {
    const c = await viewer.get(path("?form=compact")).set("Accept-Encoding", "identity");
    const s = await viewer.get(path("?replies=false")).set("Accept-Encoding", "identity");
    expect(c.headers["content-encoding"]).toBeUndefined();
    expect(decodeAnnotationList(c.body as CompactAnnotationList)).toEqual(s.body);
    expect(c.text.length).toBeLessThan(s.text.length * 0.6);
    expect((c.body as CompactAnnotationList).people.filter(([id]) => id === ana.id)).toHaveLength(1);
    // replies=false is what the compact form is; asking it for replies is refused, naming the field.
    expect((await viewer.get(path("?form=compact&replies=false"))).body).toEqual(c.body);
    const refused = await viewer.get(path("?form=compact&replies=true"));
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe("replies");
    const bad = await viewer.get(path("?form=tiny"));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/form/);
  });

  it("is compressed with gzip or brotli when asked for, and answers 304 to a matching ETag", async () => {
    const plain = await viewer.get(path()).set("Accept-Encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);

    const gz = await viewer.get(path()).set("Accept-Encoding", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.body).toEqual(plain.body); // Supertest has undone the gzip

    expect(Number(gz.headers["content-length"])).toBeLessThan(plain.text.length / 3);

    const br = await viewer.get(path()).set("Accept-Encoding", "gzip;q=0.5, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(Number(br.headers["content-length"])).toBeLessThan(plain.text.length / 3);
    expect(br.body).toEqual(plain.body); // undone by Supertest too
    expect((await viewer.get(path()).set("Accept-Encoding", "br;q=0, gzip;q=0")).headers["content-encoding"]).toBeUndefined();

    const etag = plain.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await viewer.get(path()).set("If-None-Match", etag)).status).toBe(304);

    // Other JSON answers above the threshold are compressed by the middleware; small ones are not.
    const events = await viewer.get(`/api/documents/${documentId}/events?after=0`).set("Accept-Encoding", "gzip");
    expect(events.status).toBe(200);
    expect(events.headers["content-encoding"]).toBe("gzip");
    expect(events.body.events.length).toBeGreaterThan(5);
    const small = await viewer.get(`/api/annotations/${noteId}/replies`).set("Accept-Encoding", "gzip");
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("keeps access checks in front of the cache", async () => {
    expect((await outsider.get(path())).status).toBe(404);
    expect((await outsider.get(path("?form=compact"))).status).toBe(404);
  });

  it("follows every change that alters the list: create, edit, delete, replies, review, document edits", async () => {
    let list = await listsAgree();
    const before = list.length;

    const made = await create(ben, { kind: "comment", body: "New one", anchor: anchor("Others doubt it") });
    list = await listsAgree();
    expect(list).toHaveLength(before + 1);
    expect(find(list, made.id)!.body).toEqual({ format: "text", text: "New one" });

    expect((await ben.patch(`/api/annotations/${made.id}`, { version: 1, body: "Edited text" })).status).toBe(200);
    list = await listsAgree();
    expect(find(list, made.id)!.body).toEqual({ format: "text", text: "Edited text" });

    const reply = await ana.post(`/api/annotations/${made.id}/replies`, { body: "Agreed", stance: "supports" });
    expect(reply.status).toBe(201);
    list = await listsAgree();
    expect(find(list, made.id)!.thread).toEqual({ replyCount: 1, tally: { supports: 1, disputes: 0, questions: 0 } });
    expect((await ana.delete(`/api/replies/${reply.body.reply.id}`)).status).toBe(200);
    list = await listsAgree();
    expect(find(list, made.id)!.thread).toEqual({ replyCount: 0, tally: { supports: 0, disputes: 0, questions: 0 } });

    expect((await owner.post(`/api/annotations/${claimId}/review`, { version: 1, status: "false", rationale: "Talks stalled." })).status).toBe(200);
    list = await listsAgree();
    expect(find(list, claimId)!.claim).toMatchObject({ status: "false", rationale: "Talks stalled." });

    // An edit before the claim's quote moves its anchor.
    const offsetBefore = find(list, claimId)!.anchor.start.offset;
    const doc = (await owner.get(`/api/documents/${documentId}`)).body as { paragraphs: Array<{ id: string; text: string; version: number }> };
    const p = doc.paragraphs.find((x) => x.text.includes("gave Beijing leverage"))!;
    const edit = await owner.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("The port deal", "The much debated port deal") });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    list = await listsAgree();
    expect(find(list, claimId)!.anchor.start.offset).toBe(offsetBefore + "much debated ".length);

    expect((await ben.delete(`/api/annotations/${made.id}`)).status).toBe(200);
    list = await listsAgree();
    expect(find(list, made.id)).toBeUndefined();
    expect(list).toHaveLength(before);
  });

  it("writes the compact form as the encoder does for every field: rich and edited bodies, claims under review, decided suggestions, orphans, stances", async () => {
    // Anchors on the text as it is now (an earlier test edited it).
    const now = () => owner.get(`/api/documents/${documentId}`).then((r) => r.body as { paragraphs: Array<{ id: string; text: string; version: number }> });
    const anchor = async (quote: string) => ({ ...anchorOn((await now()).paragraphs, quote), quote });
    const tags = await Promise.all(["Leases", "Debt"].map(async (name) => (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name })).body.tag as { id: string }));
    const rich = {
      format: "rich",
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "mention", attrs: { id: ben.id, label: "Ben" } }, { type: "text", text: " see the \"lease\" terms \u2013 é" }] }] },
    };
    const richNote = await create(ana, { kind: "comment", body: rich, anchor: await anchor("citing the lease"), tagIds: [tags[1]!.id, tags[0]!.id] });
    expect((await ana.patch(`/api/annotations/${richNote.id}`, { version: 1, body: "Now plain, with a tab\tand a quote \"" })).status).toBe(200);

    // A claim assigned to and decided by someone who wrote no annotation here.
    const claim = await create(ben, { kind: "claim", body: "Leverage is overstated", anchor: await anchor("according to officials") });
    expect((await owner.post(`/api/annotations/${claim.id}/assign`, { version: 1, assigneeId: owner.id })).status).toBe(200);
    const decided = await owner.post(`/api/annotations/${claim.id}/review`, { version: 2, status: "false", rationale: "Minutes show otherwise.", sources: ["https://example.org/minutes"] });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    // Stances: Ben disputes then supports, Ana questions and deletes it, a plain reply.
    const on = (id: string) => `/api/annotations/${id}/replies`;
    expect((await ben.post(on(claim.id), { body: "Doubtful", stance: "disputes" })).status).toBe(201);
    expect((await ben.post(on(claim.id), { body: "Convinced now", stance: "supports" })).status).toBe(201);
    const q = await ana.post(on(claim.id), { body: "Which minutes?", stance: "questions" });
    expect((await ana.delete(`/api/replies/${q.body.reply.id}`)).status).toBe(200);
    expect((await owner.post(on(claim.id), { body: "Noted", stance: "none" })).status).toBe(201);

    const accepted = await create(ana, { kind: "suggestion", body: "Shorter", replacement: "trade routes shift", anchor: await anchor("trade routes move") });
    expect((await owner.post(`/api/annotations/${accepted.id}/suggestion/accept`, { version: 1 })).status).toBe(200);
    const rejected = await create(ben, { kind: "suggestion", body: "Different", replacement: "prices", anchor: await anchor("insurance costs") });
    expect((await owner.post(`/api/annotations/${rejected.id}/suggestion/reject`, { version: 1 })).status).toBe(200);

    // Two notes whose words are deleted: orphaned, and one of them dismissed.
    const doc = await now();
    const p = doc.paragraphs.find((x) => x.text.startsWith("Paragraph 11 "))!;
    const gone = [
      await create(ana, { kind: "comment", body: "Lost one", anchor: { ...anchorOn(doc.paragraphs, "insurance costs rise", undefined, 11), quote: "insurance costs rise" } }),
      await create(ben, { kind: "comment", body: "Lost two", anchor: { ...anchorOn(doc.paragraphs, "trade routes", undefined, 11), quote: "trade routes" } }),
    ];
    const edit = await owner.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: "Paragraph 11 now says something else entirely." });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const orphans = (await summary()).annotations.filter((a) => gone.some((g) => g.id === a.id));
    expect(orphans.map((o) => o.anchor.state)).toEqual(["orphaned", "orphaned"]);
    expect((await ana.post(`/api/annotations/${orphans[0]!.id}/dismiss`, { version: orphans[0]!.version })).status).toBe(200);

    const c = await compactIsEncodedList();
    const list = decodeAnnotationList(c).annotations;
    expect(find(list, richNote.id)!.body).toEqual({ format: "text", text: 'Now plain, with a tab\tand a quote "' });
    expect([...find(list, richNote.id)!.tagIds].sort()).toEqual([tags[0]!.id, tags[1]!.id].sort());
    expect(find(list, richNote.id)!.editedAt).not.toBeNull();
    expect(find(list, claim.id)!.claim).toMatchObject({ status: "false", assigneeId: owner.id, reviewerId: owner.id, sources: ["https://example.org/minutes"] });
    expect(find(list, claim.id)!.thread).toEqual({ replyCount: 3, tally: { supports: 1, disputes: 0, questions: 0 } });
    expect(find(list, accepted.id)!.suggestion).toMatchObject({ state: "accepted", decidedBy: owner.id });
    expect(find(list, rejected.id)!.suggestion).toMatchObject({ state: "rejected", decidedBy: owner.id, appliedVersion: null });
    expect(find(list, gone[0]!.id)!.anchor).toMatchObject({ state: "orphaned", dismissed: true });
    expect(find(list, gone[1]!.id)!.anchor).toMatchObject({ state: "orphaned", dismissed: false });
    // A person seen only as assignee or reviewer carries no name.
    expect(c.people.find(([id]) => id === owner.id)).toEqual([owner.id, null]);

    // A rich body stays an object.
    const richAgain = await create(ana, { kind: "comment", body: rich, anchor: await anchor("the debt") });
    const row = (await compactIsEncodedList()).annotations.find((r) => r[0] === richAgain.id)!;
    expect(row[2]).toMatchObject({ format: "rich", mentions: [ben.id] });
  });
});

describe("the compact list made from the one before", () => {
  it("after any sequence of changes (text edits and tag merges too) equals the list read from scratch", async () => {
    const content = "Second article\n\n" + Array.from({ length: 8 }, (_, i) => `Section ${i} argues that freight rates follow fuel prices closely.`).join("\n\n");
    const made = await owner.post(`/api/workspaces/${workspaceId}/documents`, { format: "txt", content });
    expect(made.status).toBe(201);
    const doc = made.body.document.id as string;
    const paras = async () => ((await owner.get(`/api/documents/${doc}`)).body as { paragraphs: Array<{ id: string; text: string; version: number; kind: string }> }).paragraphs.filter((p) => p.kind === "paragraph");
    const tag = async (name: string) => ((await owner.post(`/api/workspaces/${workspaceId}/tags`, { name })).body as { tag: { id: string } }).tag.id;
    const tags = [await tag("Freight"), await tag("Fuel"), await tag("Rates")];
    const provider = t.ctx.config.databaseProvider;
    const people = [ana, ben];
    const replies = new Map<string, string[]>();

    // A small seeded generator, so a failure can be replayed.
    let state = 20261206;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const current = async () => decodeAnnotationList((await compactAnnotationList(t.db, provider, doc)).list).annotations;

    async function createOne(): Promise<void> {
      const p = pick(await paras());
      const kind = pick(["comment", "claim", "suggestion"] as const);
      const res = await pick(people).post(`/api/documents/${doc}/annotations`, {
        kind,
        body: `note ${rnd(1000)}`,
        anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 7 } },
        tagIds: tags.filter(() => rnd(3) === 0),
        ...(kind === "suggestion" ? { replacement: "Part" } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    /** One change; answers whether it can change many annotations at once. */
    async function change(): Promise<boolean> {
      const list = await current();
      const a = list.length ? pick(list) : null;
      const author = a && people.find((u) => u.id === a.author.id)!;
      const step = a ? rnd(10) : 0;
      if (step === 0 || !a || !author) await createOne();
      else if (step === 1) expect((await author.patch(`/api/annotations/${a.id}`, { version: a.version, body: `edited ${rnd(100)}`, tagIds: tags.filter(() => rnd(2) === 0) })).status).toBe(200);
      else if (step === 2) expect((await author.delete(`/api/annotations/${a.id}?version=${a.version}`)).status).toBe(200);
      else if (step === 3 || step === 4) {
        const r = await pick(people).post(`/api/annotations/${a.id}/replies`, { body: "a reply", stance: pick(["supports", "disputes", "questions", "none"]) });
        expect(r.status).toBe(201);
        replies.set(a.id, [...(replies.get(a.id) ?? []), r.body.reply.id as string]);
      } else if (step === 5 && replies.get(a.id)?.length) expect((await owner.delete(`/api/replies/${replies.get(a.id)!.pop()!}`)).status).toBe(200);
      else if (step === 6 && a.claim?.status === "open") expect((await owner.post(`/api/annotations/${a.id}/review`, { version: a.claim.version, status: pick(["disputed", "false", "misleading"]), rationale: "Checked." })).status).toBe(200);
      else if (step === 7 && a.claim) expect((await owner.post(`/api/annotations/${a.id}/assign`, { version: a.claim.version, assigneeId: pick(people).id })).status).toBe(200);
      else if (step === 8) {
        // A text edit before the quotes of that paragraph moves their anchors.
        const p = (await paras()).find((x) => x.id === a.anchor.start.paragraphId)!;
        expect((await owner.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: `New ${p.text}` })).status).toBe(200);
        return true;
      } else if (step === 9 && tags.length > 1) {
        const from = tags.pop()!;
        expect((await owner.post(`/api/tags/${from}/merge`, { intoTagId: tags[0] })).status).toBe(200);
        return true;
      } else await createOne();
      return false;
    }

    for (let i = 0; i < 6; i++) await createOne();
    let source: CompactListSource = (await compactAnnotationList(t.db, provider, doc)).source;
    let wideRounds = 0;
    for (let round = 0; round < 30; round++) {
      let wide = false;
      // One to three changes between two reads.
      for (let k = 1 + rnd(3); k > 0; k--) wide = (await change()) || wide;
      if (wide) wideRounds++;
      const next = await compactAnnotationList(t.db, provider, doc, source);
      const scratch = await compactAnnotationList(t.db, provider, doc);
      expect(JSON.stringify(next.list), `round ${round}`).toBe(JSON.stringify(scratch.list));
      expect(JSON.stringify(scratch.list)).toBe(JSON.stringify(encodeAnnotationList(await listAnnotations(t.db, owner.id, doc, { replies: false, provider }), doc)));
      expect(next.reread, `round ${round}: brought up to date, not read in full`).not.toBeNull();
      expect(scratch.reread).toBeNull();
      source = next.source;
    }
    expect(wideRounds).toBeGreaterThan(0);
    expect(source.list.annotations.length).toBeGreaterThan(6);

    // The earliest annotation deleted: the times of all the others move to a later base.
    const earliest = (await current())[0]!;
    const by = people.find((u) => u.id === earliest.author.id)!;
    expect((await by.delete(`/api/annotations/${earliest.id}?version=${earliest.version}`)).status).toBe(200);
    const later = await compactAnnotationList(t.db, provider, doc, source);
    expect(later.reread).toBe(1);
    expect(later.list.t0).toBeGreaterThan(source.list.t0);
    expect(JSON.stringify(later.list)).toBe(JSON.stringify((await compactAnnotationList(t.db, provider, doc)).list));
    source = later.source;

    // More changed annotations than allowed to read again: read in full, the same list.
    const before = source;
    await change();
    await createOne();
    const capped = await compactAnnotationList(t.db, provider, doc, before, 0);
    expect(capped.reread).toBeNull();
    expect(JSON.stringify(capped.list)).toBe(JSON.stringify((await compactAnnotationList(t.db, provider, doc, before)).list));

    // Through the route: a change, then a read, is the list from scratch.
    const first = await viewer.get(`/api/documents/${doc}/annotations?form=compact`).set("Accept-Encoding", "identity");
    await createOne();
    const second = await viewer.get(`/api/documents/${doc}/annotations?form=compact`).set("Accept-Encoding", "identity");
    expect(second.text).not.toBe(first.text);
    expect(second.text).toBe(JSON.stringify((await compactAnnotationList(t.db, provider, doc)).list));
  });
});
