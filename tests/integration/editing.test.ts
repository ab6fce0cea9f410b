/**
 * Editing a document over REST, on SQLite and PostgreSQL: paragraph edits carry annotations
 * (exactly, with changed text, or orphaned); concurrent edits merge or conflict; structure edits;
 * versions readable as they were, with a word diff; storage grows with the change; suggestions;
 * a revised draft with its carry-over report; re-attaching orphans.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appTransport, buildTestApp, buildWorld, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ParagraphDto } from "../../common/documents.ts";
import type { DocumentEditDto, RevisionReportDto, VersionDiffDto, VersionDto } from "../../common/editing.ts";

let t: TestApp;
let world: World<AppClient, "Eve" | "Ana">;

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(appTransport(t.app), {
    members: { Eve: "editor", Ana: "analyst" },
    document: {
      format: "txt",
      content: [
        "Grain and the Sea",
        "",
        "The corridor carried thirty million tonnes of grain before the blockade resumed.",
        "",
        "Insurers priced the risk of mines far above the cost of escort convoys.",
        "",
        "Ports on the western coast absorbed most of the diverted shipping.",
      ].join("\n"),
    },
  });
});
afterAll(async () => {
  await t?.close();
});

const eve = () => world.users.Eve;
const ana = () => world.users.Ana;
const docPath = () => `/api/documents/${world.documentId}`;

async function paragraphs(version?: number): Promise<ParagraphDto[]> {
  const res = await eve().get(`${docPath()}${version ? `?version=${version}` : ""}`);
  expect(res.status).toBe(200);
  return res.body.paragraphs as ParagraphDto[];
}
const byText = (ps: ParagraphDto[], text: string) => ps.find((p) => p.text.includes(text))!;

async function annotate(by: AppClient, text: string, kind = "comment", extra: object = {}): Promise<AnnotationDto> {
  const ps = await paragraphs();
  const p = byText(ps, text);
  const at = p.text.indexOf(text);
  const res = await by.post(`${docPath()}/annotations`, { kind, body: "note", anchor: { start: { paragraphId: p.id, offset: at }, end: { paragraphId: p.id, offset: at + text.length } }, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.annotation as AnnotationDto;
}

async function annotation(id: string): Promise<AnnotationDto> {
  const list = (await eve().get(`${docPath()}/annotations`)).body.annotations as AnnotationDto[];
  return list.find((a) => a.id === id)!;
}

describe("editing a paragraph", () => {
  it("moves annotations exactly through a fix outside them, and answers the new version and the moved anchors", async () => {
    const a = await annotate(ana(), "thirty million tonnes");
    const p = byText(await paragraphs(), "thirty million");
    const res = await eve().patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("The corridor", "The Black Sea corridor") });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const edit = res.body as DocumentEditDto;
    expect(edit.paragraphs.map((x) => [x.id, x.version])).toEqual([[p.id, p.version + 1]]);
    const moved = edit.anchors.find((x) => x.annotationId === a.id)!;
    expect(moved.anchor).toMatchObject({ quote: "thirty million tonnes", state: "anchored", confidence: 1 });
    expect(moved.anchor.start.offset).toBe(a.anchor.start.offset + "Black Sea ".length);
    const now = await annotation(a.id);
    expect(now.anchor.start.offset).toBe(moved.anchor.start.offset);
    const text = byText(await paragraphs(), "thirty million").text;
    expect(text.slice(now.anchor.start.offset, now.anchor.end.offset)).toBe(now.anchor.quote);
  });

  it("keeps an annotation whose words were partly changed (lower confidence) and orphans one whose words were deleted", async () => {
    const kept = await annotate(ana(), "far above the cost");
    const gone = await annotate(ana(), "escort convoys");
    const p = byText(await paragraphs(), "Insurers");
    const res = await eve().patch(`/api/paragraphs/${p.id}`, { version: p.version, text: "Insurers priced the risk of mines well above the cost." });
    expect(res.status).toBe(200);
    const k = await annotation(kept.id);
    expect(k.anchor).toMatchObject({ quote: "well above the cost", state: "anchored" });
    expect(k.anchor.confidence).toBeLessThan(1);
    const g = await annotation(gone.id);
    expect(g.anchor).toMatchObject({ state: "orphaned", quote: "escort convoys", dismissed: false });
  });

  it("merges two editors' changes to different words, and answers 409 with the current text for the same word", async () => {
    const p = byText(await paragraphs(), "Ports on the western");
    const first = await eve().patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("western", "eastern") });
    expect(first.status).toBe(200);
    const merged = await world.owner.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("diverted", "rerouted") });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(byText(await paragraphs(), "Ports on").text).toBe("Ports on the eastern coast absorbed most of the rerouted shipping.");
    const clash = await world.owner.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("western", "southern") });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.current).toMatchObject({ paragraphId: p.id, text: "Ports on the eastern coast absorbed most of the rerouted shipping." });
  });

  it("refuses analysts (403), strangers (404) and a bad version (400 naming it)", async () => {
    const p = byText(await paragraphs(), "Ports on");
    expect((await ana().patch(`/api/paragraphs/${p.id}`, { version: p.version, text: "x" })).status).toBe(403);
    const stranger = await appTransport(t.app).signUp();
    expect((await stranger.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: "x" })).status).toBe(404);
    const bad = await eve().patch(`/api/paragraphs/${p.id}`, { version: p.version + 5, text: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/baseVersion/);
  });
});

describe("structure edits and versions", () => {
  it("splits, inserts, moves and retires in one edit, carrying annotations across the split", async () => {
    const a = await annotate(ana(), "grain before the blockade");
    const ps = await paragraphs();
    const p = byText(ps, "grain before");
    const cut = p.text.indexOf(" before") + 1;
    const last = byText(ps, "Ports on");
    const insurers = byText(ps, "Insurers");
    const res = await eve().post(`${docPath()}/edits`, {
      note: "restructure",
      ops: [
        { op: "split", paragraphId: p.id, baseVersion: p.version, offset: cut },
        { op: "insert", after: null, paragraphs: [{ kind: "heading", level: 2, text: "Background" }] },
        { op: "move", paragraphId: last.id, after: null },
        { op: "retire", paragraphId: insurers.id },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const edit = res.body as DocumentEditDto;
    expect(edit.order).not.toBeNull();
    const after = await paragraphs();
    expect(after.map((x) => x.id)).toEqual(edit.order);
    expect(after[0]!.id).toBe(last.id);
    expect(after[1]!.text).toBe("Background");
    expect(after.some((x) => x.id === insurers.id)).toBe(false);
    expect(after.map((x) => x.position)).toEqual(after.map((_, i) => i));
    const carried = await annotation(a.id);
    expect(carried.anchor.state).toBe("anchored");
    expect(carried.anchor.start.paragraphId).toBe(p.id);
    expect(carried.anchor.end.paragraphId).not.toBe(p.id);
    expect(carried.anchor.quote).toBe("grain \nbefore the blockade");
  });

  it("lists versions, reads any earlier one as it was, and diffs two word by word", async () => {
    const versions = (await eve().get(`${docPath()}/versions`)).body.versions as VersionDto[];
    expect(versions[0]!.number).toBeGreaterThanOrEqual(5);
    expect(versions.at(-1)).toMatchObject({ number: 1, changes: { kind: "import" } });
    expect(versions.find((v) => v.note === "restructure")?.author?.id).toBe(world.users.Eve.id);
    const v1 = await paragraphs(1);
    expect(v1.map((p) => p.text)).toEqual([
      "Grain and the Sea",
      "The corridor carried thirty million tonnes of grain before the blockade resumed.",
      "Insurers priced the risk of mines far above the cost of escort convoys.",
      "Ports on the western coast absorbed most of the diverted shipping.",
    ]);
    // Annotations made while version 1 was current, on their anchors of then.
    const anns = (await eve().get(`${docPath()}/annotations?version=1`)).body.annotations as AnnotationDto[];
    const first = anns.find((a) => a.anchor.quote === "thirty million tonnes")!;
    expect(first.anchor.start.offset).toBe(v1[1]!.text.indexOf("thirty million tonnes"));
    expect(anns.every((a) => a.anchor.docVersion === 1)).toBe(true);
    const latest = versions[0]!.number;
    const diff = (await eve().get(`${docPath()}/diff?from=1&to=${latest}`)).body as VersionDiffDto;
    const ports = diff.paragraphs.find((p) => p.before?.startsWith("Ports"))!;
    expect(ports.change).toBe("edited");
    expect(ports.words.filter((w) => w.op !== "equal")).toEqual([
      { op: "delete", text: "western" },
      { op: "insert", text: "eastern" },
      { op: "delete", text: "diverted" },
      { op: "insert", text: "rerouted" },
    ]);
    expect(diff.paragraphs.some((p) => p.change === "retired" && p.before?.startsWith("Insurers"))).toBe(true);
    expect(diff.paragraphs.some((p) => p.change === "added" && p.after === "Background")).toBe(true);
    expect((await eve().get(`${docPath()}?version=${latest + 1}`)).status).toBe(400);
  });

  it("writes storage in proportion to the change: one paragraph of a 1,000-paragraph document under 10 KB", async () => {
    const content = ["A Long Report", "", ...Array.from({ length: 999 }, (_, i) => `Paragraph ${i} explains one more step of the argument in plain words.`).flatMap((p) => [p, ""])].join("\n");
    const doc = (await eve().post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content })).body.document;
    const ps = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    expect(ps.length).toBe(1000);
    const p = ps[500]!;
    const res = await eve().patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("plain", "simple") });
    expect(res.status).toBe(200);
    const v = (res.body as DocumentEditDto).version;
    const revisions = await t.db.paragraphRevision.findMany({ where: { documentId: doc.id } });
    const version = await t.db.documentVersion.findUniqueOrThrow({ where: { documentId_number: { documentId: doc.id, number: v } } });
    const event = await t.db.documentEvent.findFirstOrThrow({ where: { documentId: doc.id, type: "document.edited" } });
    const bytes = revisions.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0) + Buffer.byteLength(JSON.stringify(version)) + Buffer.byteLength(JSON.stringify(event));
    console.info(`one-paragraph edit of a 1,000-paragraph document wrote ${bytes} bytes (revisions ${revisions.length}, version row, event)`);
    expect(revisions.length).toBe(2);
    expect(bytes).toBeLessThan(10_000);
  });
});

describe("suggestions", () => {
  it("an analyst suggests, an editor accepts: the text changes through the edit path and the suggestion points at the new words", async () => {
    const s = await annotate(ana(), "thirty million tonnes", "suggestion", { replacement: "32 million tonnes" });
    expect(s.suggestion).toMatchObject({ replacement: "32 million tonnes", state: "open" });
    expect((await ana().post(`/api/annotations/${s.id}/suggestion/accept`, { version: 1 })).status).toBe(403);
    const before = (await eve().get(`${docPath()}/versions`)).body.versions[0].number as number;
    const res = await eve().post(`/api/annotations/${s.id}/suggestion/accept`, { version: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.annotation.suggestion).toMatchObject({ state: "accepted", decidedBy: world.users.Eve.id, appliedVersion: before + 1 });
    expect(res.body.annotation.anchor).toMatchObject({ quote: "32 million tonnes", state: "anchored" });
    expect(byText(await paragraphs(), "32 million").text).toContain("carried 32 million tonnes of grain");
    expect((await eve().post(`/api/annotations/${s.id}/suggestion/accept`, { version: 2 })).status).toBe(409);
  });

  it("a rejected suggestion changes nothing but its state; a suggestion needs its replacement", async () => {
    const s = await annotate(ana(), "Background", "suggestion", { replacement: "Context" });
    const res = await eve().post(`/api/annotations/${s.id}/suggestion/reject`, { version: 1 });
    expect(res.body.annotation.suggestion.state).toBe("rejected");
    expect((await paragraphs()).some((p) => p.text === "Background")).toBe(true);
    const p = byText(await paragraphs(), "Background");
    const missing = await ana().post(`${docPath()}/annotations`, { kind: "suggestion", anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 4 } } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("replacement");
  });
});

describe("orphans", () => {
  it("re-attaches an orphan to a new span, or dismisses it from the list", async () => {
    const orphans = ((await eve().get(`${docPath()}/annotations`)).body.annotations as AnnotationDto[]).filter((a) => a.anchor.state === "orphaned");
    expect(orphans.length).toBeGreaterThan(0);
    const o = orphans[0]!;
    const p = byText(await paragraphs(), "absorbed");
    const at = p.text.indexOf("absorbed");
    const res = await ana().post(`/api/annotations/${o.id}/reattach`, { version: o.version, anchor: { start: { paragraphId: p.id, offset: at }, end: { paragraphId: p.id, offset: at + 8 } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.annotation.anchor).toMatchObject({ state: "anchored", quote: "absorbed", confidence: 1 });
    const other = orphans[1];
    if (other) {
      const d = await ana().post(`/api/annotations/${other.id}/dismiss`, { version: other.version });
      expect(d.body.annotation.anchor).toMatchObject({ state: "orphaned", dismissed: true });
    }
  });

  it("re-attaches an annotation that no edit has moved since it was made: its anchor of then is kept for the earlier versions", async () => {
    const ps = await paragraphs();
    const target = ps[ps.length - 1]!;
    const other = ps[0]!;
    const [first, second] = target.text.split(" ") as [string, string];
    const a = await annotate(ana(), first);
    expect((await eve().patch(`/api/paragraphs/${other.id}`, { version: other.version, text: `${other.text} (edited)` })).status).toBe(200);
    const at = target.text.indexOf(second, first.length);
    const res = await ana().post(`/api/annotations/${a.id}/reattach`, { version: a.version, anchor: { start: { paragraphId: target.id, offset: at }, end: { paragraphId: target.id, offset: at + second.length } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.annotation.anchor).toMatchObject({ state: "anchored", quote: second });
    const then = await eve().get(`${docPath()}/annotations?version=${a.anchor.docVersion}`);
    expect(then.status, JSON.stringify(then.body)).toBe(200);
    const before = then.body.annotations as AnnotationDto[];
    expect(before.find((x) => x.id === a.id)!.anchor.quote).toBe(first);
  });
});

describe("a revised draft", () => {
  it("aligns paragraphs, keeps ids, carries annotations and reports what happened to each", async () => {
    const content = ["Trade Routes Under Pressure", "", "Shipping lanes shifted south as insurers raised premiums on every voyage.", "", "Grain exporters looked for overland routes through neighbouring states.", "", "The blockade ended after a year of talks."].join("\n");
    const doc = (await eve().post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content })).body.document;
    const ps = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    const mk = async (text: string) => {
      const p = ps.find((x) => x.text.includes(text))!;
      const at = p.text.indexOf(text);
      return (await ana().post(`/api/documents/${doc.id}/annotations`, { kind: "comment", body: "n", anchor: { start: { paragraphId: p.id, offset: at }, end: { paragraphId: p.id, offset: at + text.length } } })).body.annotation as AnnotationDto;
    };
    const exact = await mk("overland routes");
    const changed = await mk("raised premiums on every voyage");
    const lost = await mk("a year of talks");
    const draft = ["Trade Routes Under Pressure", "", "Shipping lanes shifted south as insurers raised premiums on nearly every voyage.", "", "Grain exporters looked for overland routes through neighbouring states.", "", "A new section opens here.", "", "Negotiators met twice in Geneva."].join("\n");
    const res = await eve()
      .request("POST", `/api/documents/${doc.id}/revisions`)
      .attach("file", Buffer.from(draft), { filename: "draft-2.txt", contentType: "text/plain" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = res.body as RevisionReportDto;
    expect(report.paragraphs).toEqual({ kept: 2, edited: 1, added: 2, retired: 1 });
    expect(report.annotations.exact).toContain(exact.id);
    expect(report.annotations.changed.map((c) => c.id)).toContain(changed.id);
    expect(report.annotations.orphaned).toContain(lost.id);
    const after = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    expect(after.map((p) => p.text)).toEqual(draft.split("\n\n"));
    expect(after[1]!.id).toBe(ps[1]!.id);
    expect(after[2]!.id).toBe(ps[2]!.id);
    expect(ps.some((p) => p.id === after[3]!.id)).toBe(false);
  });

  it("takes a revised draft that retires and rewrites thousands of paragraphs carrying thousands of annotations", async () => {
    // Past SQLite's 999 parameters in an id list, and past the few hundred inserts one at a time
    // into one gap that order keys made by halving could take.
    const N = 1_200;
    const content = ["Long Report", "", ...Array.from({ length: N }, (_, i) => `Section ${i} records that convoy ${i} left port ${i % 7} on schedule.`)].join("\n\n");
    const doc = (await eve().post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content })).body.document;
    const ps = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    const body = ps.filter((p) => p.text.startsWith("Section "));
    expect(body).toHaveLength(N);
    // 1,100 annotations, written straight to the database (the REST path would take minutes).
    const now = new Date();
    for (let i = 0; i < 1_100; i += 250)
      await t.db.annotation.createMany({
        data: body.slice(i, Math.min(i + 250, 1_100)).map((p, j) => ({
          id: `a_bigrev_${i + j}`,
          documentId: doc.id,
          authorId: ana().id,
          kind: "comment",
          body: JSON.stringify({ format: "text", text: "n" }),
          startPid: p.id,
          startOffset: 0,
          endPid: p.id,
          endOffset: 7,
          quote: p.text.slice(0, 7),
          prefix: "",
          suffix: p.text.slice(7, 39),
          docVersion: 1,
          createdAt: now,
          updatedAt: now,
        })),
      });
    // Every body paragraph rewritten beyond recognition, plus as many new ones.
    const draft = ["Long Report", "", ...Array.from({ length: N * 2 }, (_, i) => `Appendix ${i}: tonnage ${i * 3} moved through the northern corridor after ${i % 11} delays.`)].join("\n\n");
    const res = await eve()
      .request("POST", `/api/documents/${doc.id}/revisions`)
      .attach("file", Buffer.from(draft), { filename: "draft-2.txt", contentType: "text/plain" });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(201);
    const report = res.body as RevisionReportDto;
    expect(report.paragraphs.retired + report.paragraphs.edited).toBe(N);
    expect(report.annotations.orphaned.length + report.annotations.changed.length + report.annotations.exact.length).toBe(1_100);
    const after = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    expect(after).toHaveLength(N * 2 + 1);
  });
});

describe("front matter and structure", () => {
  it("reassigns blocks to front-matter roles and back: metadata rebuilt, ids and annotations kept, shapes checked", async () => {
    const content = ["Ports After the Blockade", "", "Elena Petrova", "", "Shipping lanes shifted south as insurers raised premiums.", "", "Grain exporters looked for overland routes."].join("\n");
    const doc = (await eve().post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content })).body.document as { id: string };
    const ps = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
    const body = ps.find((p) => p.text.startsWith("Shipping lanes"))!;
    const name = ps.find((p) => p.text === "Elena Petrova")!;
    const note = await ana().post(`/api/documents/${doc.id}/annotations`, { kind: "comment", body: "who wrote this?", anchor: { start: { paragraphId: body.id, offset: 0 }, end: { paragraphId: body.id, offset: 14 } } });
    expect(note.status).toBe(201);

    // The body paragraph becomes the abstract, the name line an author (whatever the import made of it).
    const ops = [
      { op: "role", paragraphId: body.id, baseVersion: body.version, kind: "meta", role: "abstract" },
      { op: "role", paragraphId: name.id, baseVersion: name.version, kind: "meta", role: "author" },
    ];
    const res = await eve().post(`/api/documents/${doc.id}/edits`, { ops });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const edit = res.body as DocumentEditDto;
    expect(edit.metadata?.abstract).toBe(body.text);
    expect(edit.metadata?.authors.map((a) => a.name)).toContain("Elena Petrova");
    const after = (await eve().get(`/api/documents/${doc.id}`)).body as { document: { metadata: { abstract?: string } }; paragraphs: ParagraphDto[] };
    expect(after.document.metadata.abstract).toBe(body.text);
    expect(after.paragraphs.find((p) => p.id === body.id)).toMatchObject({ kind: "meta", role: "abstract", text: body.text });
    // The annotation stays on its words: a block that becomes metadata keeps its notes.
    const list = (await eve().get(`/api/documents/${doc.id}/annotations`)).body.annotations as AnnotationDto[];
    expect(list.find((a) => a.id === note.body.annotation.id)!.anchor).toMatchObject({ state: "anchored", quote: "Shipping lanes", confidence: 1 });

    // Back to the body: the abstract leaves the metadata.
    const now = after.paragraphs.find((p) => p.id === body.id)!;
    const back = await eve().post(`/api/documents/${doc.id}/edits`, { ops: [{ op: "role", paragraphId: body.id, baseVersion: now.version, kind: "paragraph", role: null }] });
    expect(back.status).toBe(200);
    expect((back.body as DocumentEditDto).metadata?.abstract).toBeUndefined();

    // Shapes that do not fit are refused, naming the field.
    for (const bad of [
      { kind: "meta", role: null },
      { kind: "paragraph", role: "author" },
      { kind: "heading", role: "email" },
      { kind: "meta", role: "shoe-size" },
    ]) {
      const r = await eve().post(`/api/documents/${doc.id}/edits`, { ops: [{ op: "role", paragraphId: body.id, baseVersion: now.version + 1, ...bad }] });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(r.body)).toContain("ops.0.role");
    }
  });
});
