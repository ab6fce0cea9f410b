/**
 * Seeded fuzz of carrying annotations end to end, through the real routes on the test database:
 * an article imported (txt), annotated over REST (every shape: words, phrases, whole paragraphs,
 * one character, paragraph edges, across paragraphs, overlapping, recurring phrases), then random
 * edits (POST /documents/:id/edits) and revised drafts (POST /documents/:id/revisions) as in
 * tests/fuzz/anchoring.test.ts, fewer of them. After each, every annotation read back from the
 * list is judged against the stored paragraphs and the independent model
 * (tests/helpers/anchoring-fuzz.ts judge), none may be missing, and a draft's report accounts
 * for every annotation that was anchored.
 *
 * 4 documents of 4 changes (about 70 annotations, 16 edits and drafts) take about 4 s. A failure
 * names its seed: FUZZ_SEED=<seed> npx vitest run tests/fuzz/anchoring-routes.test.ts runs it
 * first; FUZZ_RUNS_SCALE=<x> runs more documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appTransport, buildTestApp, buildWorld, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ParagraphDto } from "../../common/documents.ts";
import type { RevisionReportDto } from "../../common/editing.ts";
import { article, coveredBy, emptyTally, fuzzSeeds, judge, Model, planAnchors, randomDraft, randomEdit, rng, type Carried, type FuzzAnchor } from "../helpers/anchoring-fuzz.ts";

const CASES = 4;
/** Scaled runs take longer than the default 30 s. */
const FUZZ_TIMEOUT_MS = 30_000 * Math.max(1, Number(process.env.FUZZ_RUNS_SCALE ?? "1") || 1);
const ROUNDS = 4;

let t: TestApp;
let world: World<AppClient, "Eve" | "Ana">;

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(appTransport(t.app), { members: { Eve: "editor", Ana: "analyst" }, document: null });
});
afterAll(async () => {
  await t?.close();
});

const carriedOf = (a: AnnotationDto): Carried => ({
  id: a.id,
  anchorState: a.anchor.state,
  startPid: a.anchor.start.paragraphId,
  startOffset: a.anchor.start.offset,
  endPid: a.anchor.end.paragraphId,
  endOffset: a.anchor.end.offset,
  quote: a.anchor.quote,
  prefix: a.anchor.prefix,
  suffix: a.anchor.suffix,
  confidence: a.anchor.confidence,
});

describe("anchoring fuzz: edits and revised drafts through the routes", () => {
  it(`carries every annotation exactly, flags it, or orphans it (${CASES} seeded documents of ${ROUNDS} changes)`, async () => {
    const eve = world.users.Eve;
    const ana = world.users.Ana;
    const problems: string[] = [];
    const tally = emptyTally();
    const rounds = { edits: 0, drafts: 0, followed: 0 };
    const started = performance.now();
    for (const seed of fuzzSeeds(7_001, CASES)) {
      const rand = rng(seed);
      const content = article(rand, 10 + rand.int(10)).join("\n\n");
      const created = await eve.post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const docId = (created.body as { document: { id: string } }).document.id;
      const read = async () => {
        const res = await eve.get(`/api/documents/${docId}`);
        expect(res.status).toBe(200);
        return res.body.paragraphs as ParagraphDto[];
      };
      let paras = await read();
      // The model starts from the text as stored (the import decides titles and blocks).
      let model = new Model(paras.map((p) => p.text));
      model.learnOrder(paras.map((p) => p.id));
      let anchors: FuzzAnchor[] = [];
      for (const [i, a] of planAnchors(model, rand, 10 + rand.int(10)).entries()) {
        const res = await ana.post(`/api/documents/${docId}/annotations`, {
          kind: "comment",
          body: `note ${i}`,
          anchor: { start: { paragraphId: paras[a.sp]!.id, offset: a.so }, end: { paragraphId: paras[a.ep]!.id, offset: a.eo } },
        });
        expect(res.status, `seed ${seed}: ${JSON.stringify(res.body)}`).toBe(201);
        const dto = res.body.annotation as AnnotationDto;
        anchors.push({ ...carriedOf(dto), confidence: dto.anchor.confidence, charIds: model.charIds(a.sp, a.so, a.ep, a.eo), shape: a.shape });
      }
      const all = new Set(anchors.map((a) => a.id));
      for (let round = 0; round < ROUNDS && anchors.length; round++) {
        const before = new Map(paras.map((p) => [p.id, p]));
        const oldText = new Map(paras.map((p, i) => [p.id, { text: p.text, ids: new Set(model.paragraphs[i]!.chars.map((c) => c.id)) }]));
        const isDraft = rand.chance(0.4);
        let kinds: string[];
        let expectedTexts: string[];
        let next: Model;
        let report: RevisionReportDto | null = null;
        if (isDraft) {
          const made = randomDraft(model, rand, anchors);
          kinds = made.kinds;
          next = made.draft;
          expectedTexts = next.texts();
          const res = await eve
            .request("POST", `/api/documents/${docId}/revisions`)
            .attach("file", Buffer.from(expectedTexts.join("\n\n")), { filename: `draft-${round}.txt`, contentType: "text/plain" });
          expect(res.status, `seed ${seed} round ${round}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(201);
          report = res.body as RevisionReportDto;
        } else {
          next = model;
          const made = randomEdit(model, rand, anchors, (pid) => before.get(pid)!.version);
          kinds = made.kinds;
          expectedTexts = model.texts();
          if (made.ops.length === 0) continue;
          const res = await eve.post(`/api/documents/${docId}/edits`, { ops: made.ops });
          expect(res.status, `seed ${seed} round ${round}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
        }
        paras = await read();
        const list = (await eve.get(`/api/documents/${docId}/annotations`)).body.annotations as AnnotationDto[];
        const byId = new Map(list.map((a) => [a.id, a]));
        for (const id of all) expect(byId.has(id), `seed ${seed} round ${round}: annotation ${id} lost`).toBe(true);
        if (report) {
          const told = report.annotations.exact.length + report.annotations.changed.length + report.annotations.orphaned.length;
          expect(told, `seed ${seed} round ${round}: the draft's report`).toBe(anchors.length);
        }
        // A draft is read by the import, which may tidy its text: the model follows only what is stored.
        const followed = paras.map((p) => p.text).join("\n") === expectedTexts.join("\n");
        rounds[isDraft ? "drafts" : "edits"]++;
        if (followed) rounds.followed++;
        if (followed) {
          if (isDraft) next.paragraphs.forEach((p) => (p.pid = null));
          next.learnOrder(paras.map((p) => p.id));
        } else {
          next = new Model(paras.map((p) => p.text));
          next.learnOrder(paras.map((p) => p.id));
        }
        const at = next.locations();
        const order = paras.map((p) => ({ id: p.id, text: p.text }));
        const kept: FuzzAnchor[] = [];
        for (const a of anchors) {
          const c = carriedOf(byId.get(a.id)!);
          // Without the model (text tidied), only what the stored text alone can tell is judged.
          const judged = followed ? a : { ...a, charIds: [] };
          for (const p of judge(judged, c, order, next, at, tally, isDraft || !followed, oldText)) {
            if (!followed && p.startsWith("carried exactly onto another occurrence")) continue;
            problems.push(`seed ${seed} round ${round} (${isDraft ? "draft" : "edit"}: ${kinds.join(", ")}), ${a.shape} ${JSON.stringify(a.quote)} -> ${c.anchorState} ${JSON.stringify(c.quote)} conf ${c.confidence}: ${p}`);
          }
          if (c.anchorState === "anchored") kept.push({ ...a, ...c, charIds: coveredBy(next, c) });
        }
        anchors = kept;
        model = next;
      }
    }
    console.info(`anchoring fuzz through the routes: ${Math.round(performance.now() - started)} ms`, rounds, tally);
    expect(problems.slice(0, 20)).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});
