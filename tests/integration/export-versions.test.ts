/**
 * Exports of an edited document, on SQLite and PostgreSQL: every format at an earlier version
 * (that version's text, the annotations that existed then on their anchors of then), open
 * suggestions as changes (Word tracked changes, HTML del/ins, CriticMarkup, JSON-LD editing),
 * an orphaned annotation listed as not placed rather than placed, and `version` checked.
 *
 * The document: version 1 is the import; version 2 edits two paragraphs (one annotation moves
 * with its words, one loses them); version 3 is a suggestion accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { parse as parseCsv } from "csv-parse/sync";
import { appTransport, buildTestApp, buildWorld, TEST_ORIGIN, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ParagraphDto } from "../../common/documents.ts";
import { EXPORT_FORMATS } from "../../common/review.ts";

let t: TestApp;
let world: World<AppClient, "Eve" | "Ana">;
let stranger: AppClient;
const notes: Record<string, AnnotationDto> = {};
/** The document's paragraph texts at each version. */
const texts: Record<number, string[]> = {};

const V1 = [
  "Grain and the Sea",
  "The corridor carried thirty million tonnes of grain before the blockade resumed.",
  "Insurers priced the risk of mines far above the cost of escort convoys.",
  "Ports on the western coast absorbed most of the diverted shipping.",
  "The blockade ended after a year of talks.",
];

const eve = () => world.users.Eve;
const ana = () => world.users.Ana;
const docPath = () => `/api/documents/${world.documentId}`;

async function paragraphs(): Promise<ParagraphDto[]> {
  return (await eve().ok<{ paragraphs: ParagraphDto[] }>("GET", docPath())).paragraphs;
}

/** An anchor on `text` (through `endText` when given) in the current text. */
async function anchor(text: string, endText?: string) {
  const ps = await paragraphs();
  const p = ps.find((x) => x.text.includes(text))!;
  const q = endText ? ps.find((x) => x.text.includes(endText))! : p;
  const start = p.text.indexOf(text);
  const end = endText ? q.text.indexOf(endText) + endText.length : start + text.length;
  return { start: { paragraphId: p.id, offset: start }, end: { paragraphId: q.id, offset: end } };
}

async function annotate(key: string, body: Record<string, unknown>) {
  const res = await ana().post(`${docPath()}/annotations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  notes[key] = res.body.annotation as AnnotationDto;
}

async function download(query: string, by: AppClient = ana()) {
  return by
    .get(`${docPath()}/export?${query}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
}

async function exported(query: string): Promise<Buffer> {
  const res = await download(query);
  expect(res.status, String(res.body)).toBe(200);
  return res.body as Buffer;
}
const text = async (query: string) => (await exported(query)).toString("utf8");

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(appTransport(t.app), { members: { Eve: "editor", Ana: { role: "analyst", displayName: "Ana Analyst" } }, document: { format: "txt", content: V1.join("\n\n") } });
  stranger = await appTransport(t.app).signUp();
  texts[1] = (await paragraphs()).map((p) => p.text);
  expect(texts[1]).toEqual(V1);

  // Version 1: a note that moves with its words, one whose words go, a claim with a verdict.
  await annotate("moved", { kind: "comment", body: "Check the tonnage", anchor: await anchor("thirty million tonnes") });
  await annotate("orphan", { kind: "comment", body: "Which convoys?", anchor: await anchor("escort convoys") });
  await annotate("claim", { kind: "claim", body: "Did it end?", anchor: await anchor("blockade ended") });
  expect((await eve().post(`/api/annotations/${notes.claim!.id}/review`, { version: 1, status: "false", rationale: "Talks stalled." })).status).toBe(200);

  // Version 2: two paragraphs edited in one edit.
  const ps = await paragraphs();
  const [p1, p2] = [ps[1]!, ps[2]!];
  const edit = await eve().post(`${docPath()}/edits`, {
    ops: [
      { op: "text", paragraphId: p1.id, baseVersion: p1.version, text: p1.text.replace("The corridor", "The Black Sea corridor") },
      { op: "text", paragraphId: p2.id, baseVersion: p2.version, text: "Insurers priced the risk of mines well above the cost." },
    ],
  });
  expect(edit.status, JSON.stringify(edit.body)).toBe(200);
  expect(edit.body.version).toBe(2);
  texts[2] = (await paragraphs()).map((p) => p.text);

  // Made at version 2: a comment, and suggestions (one across two paragraphs, one overlapping another, one rejected, one accepted).
  await annotate("later", { kind: "comment", body: "Made after the edit", anchor: await anchor("absorbed most") });
  await annotate("coast", { kind: "suggestion", body: "It is the east", anchor: await anchor("western coast"), replacement: "eastern coast" });
  await annotate("join", { kind: "suggestion", body: "One sentence", anchor: await anchor("well above the cost.", "Ports on"), replacement: "well above the cost; ports on" });
  await annotate("overlap", { kind: "suggestion", body: "Shore, not coast", anchor: await anchor("coast absorbed"), replacement: "shore absorbed" });
  await annotate("rejected", { kind: "suggestion", body: "Rerouted reads better", anchor: await anchor("diverted"), replacement: "rerouted" });
  await annotate("accepted", { kind: "suggestion", body: "Say negotiations", anchor: await anchor("talks"), replacement: "negotiations" });
  const reply = await eve().post(`/api/annotations/${notes.coast!.id}/replies`, { body: "Agreed, east it is", stance: "supports" });
  expect(reply.status).toBe(201);
  expect((await eve().post(`/api/annotations/${notes.rejected!.id}/suggestion/reject`, { version: 1 })).status).toBe(200);
  // Version 3: the accepted suggestion.
  const accepted = await eve().post(`/api/annotations/${notes.accepted!.id}/suggestion/accept`, { version: 1 });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  texts[3] = (await paragraphs()).map((p) => p.text);
  expect(texts[3]![4]).toBe("The blockade ended after a year of negotiations.");
  const orphan = ((await eve().ok<{ annotations: AnnotationDto[] }>("GET", `${docPath()}/annotations`)).annotations).find((a) => a.id === notes.orphan!.id)!;
  expect(orphan.anchor.state).toBe("orphaned");
});
afterAll(async () => {
  await t?.close();
});

describe("the version parameter", () => {
  it("is an integer from 1 to the current version: anything else is a 400 naming it; strangers still get 404", async () => {
    for (const bad of ["0", "-1", "1.5", "abc", "", "4", "2147483648", "1&version=2"]) {
      const res = await ana().get(`${docPath()}/export?format=md&version=${bad}`);
      expect([res.status, res.body.error?.field], `version=${bad}`).toEqual([400, "version"]);
    }
    expect((await ana().get(`${docPath()}/export?format=md&version=4`)).body.error.message).toMatch(/no version 4.*at version 3/);
    expect((await download("format=md&version=1", stranger)).status).toBe(404);
    expect((await download("format=md&version=4", stranger)).status).toBe(404);
    const res = await download("format=csv&version=2");
    expect(res.headers["content-disposition"]).toMatch(/-v2-seq\d+\.csv"/);
    expect(res.headers["x-scholia-version"]).toBe("2");
    const current = await download("format=csv");
    expect(current.headers["content-disposition"]).toMatch(/-v3-seq\d+\.csv"/);
  });

  it("says the version in every format's provenance", async () => {
    for (const format of ["html", "md", "jsonld"]) expect(await text(`format=${format}&version=1`), format).toContain("version 1 of 3");
    expect(await text("format=md")).toContain("version 3, the current one");
    const zip = await JSZip.loadAsync(await exported("format=docx&version=2"));
    expect(await zip.file("word/document.xml")!.async("string")).toContain("version 2 of 3");
    const feed = JSON.parse(await text("format=claimreview&version=1")) as { isBasedOn: { version: string } };
    expect(feed.isBasedOn.version).toMatch(/^version 1, event seq \d+$/);
  });
});

/** Each note's highlighted text in an HTML export, and its number, by annotation id. */
function htmlNotes(html: string) {
  const dom = parseDocument(html);
  const number = new Map<string, number>();
  for (const li of DomUtils.getElementsByTagName("li", dom)) if (li.attribs["data-annotation"]) number.set(li.attribs["data-annotation"], Number(li.attribs.id!.slice(5)));
  const covered = new Map<number, string>();
  for (const mark of DomUtils.getElementsByTagName("mark", dom)) {
    for (const n of mark.attribs["data-notes"]!.split(" ").map(Number)) covered.set(n, (covered.get(n) ?? "") + DomUtils.textContent(mark));
  }
  const blocks = DomUtils.getElementsByTagName((name) => name === "h1" || name === "h2" || name === "p" || name === "li", dom).filter((e) => e.attribs["data-p"] !== undefined);
  // The article's text as it reads without the suggested changes: del kept, ins and markers left out.
  const plain = (el: Element): string =>
    el.children.map((c) => (c.type === "text" ? c.data : c.type === "tag" && !["ins", "sup"].includes((c as Element).name) ? plain(c as Element) : "")).join("");
  const notPlaced = DomUtils.getElementById("not-placed", dom);
  return { dom, number, covered, texts: blocks.map((b) => plain(b)), notPlaced };
}

describe("html", () => {
  it("at version 1: that version's text, a note placed on its words of then, nothing made later", async () => {
    const h = htmlNotes(await text("format=html&version=1"));
    expect(h.texts).toEqual(texts[1]);
    expect(h.covered.get(h.number.get(notes.moved!.id)!)).toBe("thirty million tonnes");
    expect(h.covered.get(h.number.get(notes.orphan!.id)!)).toBe("escort convoys");
    for (const k of ["later", "coast", "join", "accepted"]) expect(h.number.has(notes[k]!.id), k).toBe(false);
    expect(h.notPlaced).toBeNull();
  });

  it("at version 2: the edited text, the moved note on its words, the orphan only under Not placed, open suggestions as del/ins", async () => {
    const h = htmlNotes(await text("format=html&version=2"));
    expect(h.texts).toEqual(texts[2]);
    expect(h.covered.get(h.number.get(notes.moved!.id)!)).toBe("thirty million tonnes");
    const orphanNumber = h.number.get(notes.orphan!.id)!;
    expect(h.covered.has(orphanNumber)).toBe(false);
    expect(DomUtils.textContent(h.notPlaced!)).toContain("“escort convoys”");
    expect(DomUtils.getElementById(`note-${orphanNumber}`, h.notPlaced!.children)).toBeTruthy();
    // At version 2 the suggestion accepted later was still open; the rejected one was rejected already.
    // Each change's text in each paragraph, its pieces (split where other notes start or end) joined.
    const blockOf = (e: Element) => {
      let b: Element | null = e;
      while (b && b.attribs["data-p"] === undefined) b = b.parent as Element | null;
      return b?.attribs["data-p"];
    };
    const changes = (tag: string) => {
      const out: Array<[number, string, string | undefined]> = [];
      for (const e of DomUtils.getElementsByTagName(tag, h.dom)) {
        const [note, block, last] = [Number(e.attribs["data-note"]), blockOf(e), out.at(-1)];
        if (last && last[0] === note && last[2] === block) last[1] += DomUtils.textContent(e);
        else out.push([note, DomUtils.textContent(e), block]);
      }
      return out.map(([note, words]) => [note, words]);
    };
    const n = (k: string) => h.number.get(notes[k]!.id)!;
    expect(changes("del")).toEqual([
      [n("join"), "well above the cost."],
      [n("join"), "Ports on"],
      [n("coast"), "western coast"],
      [n("accepted"), "talks"],
    ]);
    expect(changes("ins")).toEqual([
      [n("join"), "well above the cost; ports on"],
      [n("coast"), "eastern coast"],
      [n("accepted"), "negotiations"],
    ]);
    expect(h.number.has(notes.rejected!.id)).toBe(false);
    // The overlapping suggestion is a note, saying why.
    expect(DomUtils.textContent(DomUtils.getElementById(`note-${n("overlap")}`, h.dom)!)).toMatch(/shown as a note: it overlaps another suggested change/);
  });

  it("now: the accepted suggestion is in the text and a note, not a change; rejected ones on request", async () => {
    const h = htmlNotes(await text("format=html"));
    expect(h.texts).toEqual(texts[3]);
    const accepted = h.number.get(notes.accepted!.id)!;
    expect(h.covered.get(accepted)).toBe("negotiations");
    expect(DomUtils.getElementsByTagName("del", h.dom).map((e) => e.attribs["data-note"])).not.toContain(String(accepted));
    expect(DomUtils.textContent(DomUtils.getElementById(`note-${accepted}`, h.dom)!)).toContain("Accepted suggestion");
    const all = htmlNotes(await text("format=html&suggestions=all"));
    const rejected = all.number.get(notes.rejected!.id)!;
    expect(all.covered.get(rejected)).toBe("diverted");
    expect(DomUtils.textContent(DomUtils.getElementById(`note-${rejected}`, all.dom)!)).toContain("Rejected suggestion: replace “diverted” with “rerouted”");
  });
});

describe("markdown", () => {
  it("writes open suggestions as CriticMarkup, lists the orphan under Not placed, and reads each version's text", async () => {
    const v1 = await text("format=md&version=1");
    expect(v1).toContain("The corridor carried thirty million tonnes[^");
    expect(v1).not.toContain("{~~");
    expect(v1).toMatch(/^version: 1$/m);
    const v2 = await text("format=md&version=2");
    expect(v2).toContain("The Black Sea corridor carried thirty million tonnes[^");
    expect(v2).toMatch(/Insurers priced the risk of mines \{--well above the cost\.--\}\n\n\{~~Ports on~>well above the cost; ports on~~\}\[\^\d+\] the \{~~western coast~>eastern coast~~\}\[\^\d+\]/);
    expect(v2).toMatch(/a year of \{~~talks~>negotiations~~\}\[\^\d+\]\./);
    expect(v2).toMatch(/## Not placed\n\n.+\n\n- “escort convoys”\[\^\d+\]/);
    expect(v2).not.toContain("escort convoys[^");
    const now = await text("format=md");
    expect(now).toContain("after a year of negotiations[^");
    expect(now).not.toContain("~>negotiations");
    expect(now).toMatch(/\*\*Suggestion\*\* — “coast absorbed”[^\n]*\n\n {4}Suggested change: replace “coast absorbed” with “shore absorbed” \(shown as a note: it overlaps another suggested change\)\./);
  });
});

type XmlEl = Element;
const elements = (xml: string) => DomUtils.getElementsByTagName(() => true, parseDocument(xml, { xmlMode: true }).children, true) as XmlEl[];
const wText = (el: XmlEl, tag: "w:t" | "w:delText") => DomUtils.getElementsByTagName(tag, el.children, true).map((x) => DomUtils.textContent(x)).join("");

/** Reads a paragraph of word/document.xml as it reads with every change accepted, or rejected. */
function readParagraph(p: XmlEl, accept: boolean): string {
  let out = "";
  const walk = (nodes: XmlEl["children"], inDel: boolean, inIns: boolean) => {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      const el = n as XmlEl;
      if (el.name === "w:pPr") continue;
      if (el.name === "w:t" && !(accept ? inDel : inIns)) out += DomUtils.textContent(el);
      else if (el.name === "w:delText" && !accept) out += DomUtils.textContent(el);
      else if (el.name === "w:br" && !(accept ? inDel : inIns)) out += "\n";
      else walk(el.children, inDel || el.name === "w:del", inIns || el.name === "w:ins");
    }
  };
  walk(p.children, false, false);
  return out;
}

/** The deleted words of each paragraph, one entry per run of adjacent w:del (comment marks between them aside). */
function deletions(paragraphs: XmlEl[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    let open = false;
    for (const c of p.children) {
      if (c.type !== "tag") continue;
      const el = c as XmlEl;
      const mark = el.name.startsWith("w:commentRange") || (el.name === "w:r" && DomUtils.getElementsByTagName("w:commentReference", [el]).length > 0) || el.name === "w:pPr";
      if (mark) continue;
      if (el.name === "w:del") {
        if (open) out[out.length - 1] += wText(el, "w:delText");
        else out.push(wText(el, "w:delText"));
        open = true;
      } else open = false;
    }
  }
  return out;
}

describe("docx", () => {
  it("writes open suggestions as tracked changes Word accepts: del/ins in paragraphs around runs, unique ids, balanced comment ranges", async () => {
    const zip = await JSZip.loadAsync(await exported("format=docx&version=2"));
    const xml = await zip.file("word/document.xml")!.async("string");
    const all = elements(xml);
    const paragraphsXml = all.filter((e) => e.name === "w:p");
    const dels = all.filter((e) => e.name === "w:del");
    const inses = all.filter((e) => e.name === "w:ins");
    // Structure: a run-level change sits in a paragraph and holds runs only; deleted runs hold w:delText, never w:t.
    for (const d of dels) {
      const parent = d.parent as XmlEl;
      if (parent.name === "w:rPr") {
        expect((parent.parent as XmlEl).name, "a deleted paragraph mark is in the paragraph's properties").toBe("w:pPr");
        expect(d.children).toEqual([]);
        continue;
      }
      expect(parent.name).toBe("w:p");
      expect(d.children.every((c) => c.type === "tag" && (c as XmlEl).name === "w:r")).toBe(true);
      expect(DomUtils.getElementsByTagName("w:t", d.children, true)).toEqual([]);
    }
    for (const i of inses) {
      expect((i.parent as XmlEl).name).toBe("w:p");
      expect(i.children.every((c) => c.type === "tag" && (c as XmlEl).name === "w:r")).toBe(true);
      expect(DomUtils.getElementsByTagName("w:delText", i.children, true)).toEqual([]);
    }
    for (const c of [...dels, ...inses]) {
      expect(c.attribs["w:author"]).toBe("Ana Analyst");
      expect(c.attribs["w:date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    // The changes themselves.
    expect(deletions(paragraphsXml)).toEqual(["well above the cost.", "Ports on", "western coast", "talks"]);
    expect(inses.map((i) => wText(i, "w:t"))).toEqual(["well above the cost; ports on", "eastern coast", "negotiations"]);
    // Ids: every revision's its own, none shared with a comment.
    const commentsXml = await zip.file("word/comments.xml")!.async("string");
    const commentIds = elements(commentsXml).filter((e) => e.name === "w:comment").map((e) => e.attribs["w:id"]!);
    const revisionIds = [...dels, ...inses].map((e) => e.attribs["w:id"]!);
    expect(new Set(revisionIds).size).toBe(revisionIds.length);
    expect(new Set(commentIds).size).toBe(commentIds.length);
    expect(revisionIds.filter((id) => commentIds.includes(id))).toEqual([]);
    // Comment ranges: each comment has one start, then one end, then one reference, in document order.
    const order = all.filter((e) => ["w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"].includes(e.name));
    for (const id of commentIds) {
      const marks = order.filter((e) => e.attribs["w:id"] === id).map((e) => e.name);
      expect(marks, `comment ${id}`).toEqual(["w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"]);
    }
    expect(order.map((e) => e.attribs["w:id"]).filter((id) => !commentIds.includes(id!))).toEqual([]);
    // Rejecting every change gives version 2's text; accepting them gives it with the suggestions applied.
    const body = paragraphsXml.slice(1, 1 + texts[2]!.length);
    expect(body.map((p) => readParagraph(p, false))).toEqual(texts[2]);
    const joined: string[] = [];
    let joinNext = false;
    body.forEach((p, i) => {
      const markDeleted = DomUtils.getElementsByTagName("w:del", DomUtils.getElementsByTagName("w:pPr", p.children, false)).length > 0;
      const line = readParagraph(p, true);
      if (i > 0 && joinNext) joined[joined.length - 1] += line;
      else joined.push(line);
      joinNext = markDeleted;
    });
    expect(joined).toEqual([
      texts[2]![0],
      texts[2]![1],
      "Insurers priced the risk of mines well above the cost; ports on the eastern coast absorbed most of the diverted shipping.",
      "The blockade ended after a year of negotiations.",
    ]);
    // The suggestion's thread is a comment on the same span: the replacement is inside its range.
    const coast = elements(commentsXml).find((e) => e.name === "w:comment" && DomUtils.textContent(e).includes("It is the east"))!;
    expect(DomUtils.textContent(coast)).toContain("Suggested change: replace “western coast” with “eastern coast”");
    const start = xml.indexOf(`<w:commentRangeStart w:id="${coast.attribs["w:id"]}"/>`);
    const end = xml.indexOf(`<w:commentRangeEnd w:id="${coast.attribs["w:id"]}"/>`);
    const range = xml.slice(start, end);
    expect([...range.matchAll(/<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]).join("")).toBe("western coast");
    expect(range.slice(range.lastIndexOf("</w:del>"))).toMatch(/^<\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">eastern coast<\/w:t><\/w:r><\/w:ins>$/);
  });

  it("at version 1 holds that text and no changes; the orphan goes to Not placed at version 2", async () => {
    const v1 = await JSZip.loadAsync(await exported("format=docx&version=1"));
    const xml1 = await v1.file("word/document.xml")!.async("string");
    const ps1 = elements(xml1).filter((e) => e.name === "w:p");
    expect(ps1.slice(1, 1 + texts[1]!.length).map((p) => readParagraph(p, false))).toEqual(texts[1]);
    expect(xml1).not.toMatch(/<w:(ins|del) /);
    expect(xml1).not.toContain("Not placed");
    const comments1 = await v1.file("word/comments.xml")!.async("string");
    expect(comments1).toContain("Which convoys?");
    expect(comments1).not.toContain("Made after the edit");
    const v2 = await JSZip.loadAsync(await exported("format=docx&version=2"));
    const xml2 = await v2.file("word/document.xml")!.async("string");
    const orphan = elements(await v2.file("word/comments.xml")!.async("string")).find((e) => e.name === "w:comment" && DomUtils.textContent(e).includes("Which convoys?"))!;
    const at = xml2.indexOf(`<w:commentRangeStart w:id="${orphan.attribs["w:id"]}"/>`);
    expect(at).toBeGreaterThan(xml2.indexOf("Not placed"));
    expect(xml2.slice(at, xml2.indexOf(`<w:commentRangeEnd w:id="${orphan.attribs["w:id"]}"/>`))).toContain("escort convoys");
  });

  const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!soffice)("opens in LibreOffice with its tracked changes and comments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scholia-docx-"));
    try {
      writeFileSync(join(dir, "v2.docx"), await exported("format=docx&version=2"));
      const r = spawnSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "fodt", "--outdir", dir, join(dir, "v2.docx")], { encoding: "utf8", timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const fodt = readFileSync(join(dir, "v2.fodt"), "utf8");
      expect(fodt.match(/<text:deletion>/g)?.length).toBeGreaterThanOrEqual(3);
      expect(fodt.match(/<text:insertion>/g)?.length).toBe(3);
      expect(fodt).toContain("eastern coast");
      const comments = (await JSZip.loadAsync(await exported("format=docx&version=2")).then((z) => z.file("word/comments.xml")!.async("string"))).match(/<w:comment /g)!.length;
      expect(fodt.match(/<office:annotation[ >]/g)?.length).toBe(comments);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

interface Item {
  id: string;
  motivation: string;
  body?: Array<{ value: string; purpose: string }>;
  target: { source: string; "scholia:version": number; selector: Array<{ type: string; exact?: string; start?: number; end?: number }> | { type: string; exact: string } };
  "scholia:placed"?: boolean;
  "scholia:suggestion"?: { state: string };
}
interface Collection {
  "@context": [string, Record<string, unknown>];
  "scholia:text": { id: string; value: string };
  "scholia:document": { version: number; currentVersion: number };
  first: { items: Item[] };
}

describe("jsonld", () => {
  it("states the version in every target and resolves every selector against that version's text", async () => {
    for (const version of [1, 2, 3]) {
      const doc = JSON.parse(await text(`format=jsonld&version=${version}`)) as Collection;
      const source = `${TEST_ORIGIN}/d/${world.documentId}?version=${version}`;
      expect(doc["scholia:text"]).toMatchObject({ id: source, value: texts[version]!.join("\n") });
      expect(doc["scholia:document"]).toMatchObject({ version, currentVersion: 3 });
      expect(doc["@context"][1]["scholia:version"]).toEqual({ "@id": "scholia:version", "@type": "xsd:integer" });
      const plain = Array.from(doc["scholia:text"].value);
      for (const item of doc.first.items.filter((i) => i.motivation !== "replying")) {
        expect(item.target.source).toBe(source);
        expect(item.target["scholia:version"]).toBe(version);
        if (item["scholia:placed"] === false) continue;
        const selectors = item.target.selector as Array<{ type: string; exact?: string; start?: number; end?: number }>;
        const quote = selectors.find((s) => s.type === "TextQuoteSelector")!;
        const pos = selectors.find((s) => s.type === "TextPositionSelector")!;
        expect(plain.slice(pos.start!, pos.end!).join(""), `${item.id} at version ${version}`).toBe(quote.exact);
      }
    }
  });

  it("keeps only the TextQuoteSelector of an orphan, and writes a suggestion as an editing annotation with its replacement", async () => {
    const v2 = JSON.parse(await text("format=jsonld&version=2")) as Collection;
    const byId = (id: string) => v2.first.items.find((i) => i.id === `urn:scholia:annotation:${id}`)!;
    const orphan = byId(notes.orphan!.id);
    expect(orphan["scholia:placed"]).toBe(false);
    expect(orphan.target.selector).toMatchObject({ type: "TextQuoteSelector", exact: "escort convoys" });
    const accepted = byId(notes.accepted!.id);
    expect(accepted.motivation).toBe("editing");
    expect(accepted.body).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: "editing", value: "negotiations" }), expect.objectContaining({ purpose: "commenting", value: "Say negotiations" })]));
    expect(accepted["scholia:suggestion"]).toMatchObject({ state: "open" });
    const v1 = JSON.parse(await text("format=jsonld&version=1")) as Collection;
    expect(v1.first.items.find((i) => i.id === `urn:scholia:annotation:${notes.orphan!.id}`)!["scholia:placed"]).toBeUndefined();
    expect(v1.first.items.some((i) => i.motivation === "editing")).toBe(false);
    const now = JSON.parse(await text("format=jsonld")) as Collection;
    expect(now.first.items.find((i) => i.id === `urn:scholia:annotation:${notes.accepted!.id}`)!["scholia:suggestion"]).toMatchObject({ state: "accepted" });
  });
});

describe("csv and claimreview", () => {
  it("gives suggestions a row with kind, replacement and state, and says whether each annotation is placed", async () => {
    const rows = parseCsv(await exported("format=csv&rows=all&version=2"), { bom: true, columns: true }) as Array<Record<string, string>>;
    const row = (k: string) => rows.find((r) => r.annotation_id === notes[k]!.id);
    expect(row("coast")).toMatchObject({ kind: "suggestion", replacement: "eastern coast", suggestion_state: "open", placed: "yes", document_version: "2" });
    expect(row("accepted")).toMatchObject({ quote: "talks", replacement: "negotiations", suggestion_state: "open" });
    expect(row("orphan")).toMatchObject({ kind: "comment", quote: "escort convoys", placed: "no" });
    expect(row("rejected")).toBeUndefined();
    expect(row("moved")).toMatchObject({ placed: "yes", replacement: "", suggestion_state: "" });
    const v1 = parseCsv(await exported("format=csv&rows=all&version=1"), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(v1.map((r) => r.annotation_id).sort()).toEqual([notes.moved!.id, notes.orphan!.id, notes.claim!.id].sort());
  });

  it("leaves suggestions out of ClaimReview at every version", async () => {
    for (const version of [1, 2, 3]) {
      const feed = JSON.parse(await text(`format=claimreview&version=${version}`)) as { dataFeedElement: Array<{ identifier: string }> };
      expect(feed.dataFeedElement.map((r) => r.identifier)).toEqual([notes.claim!.id]);
    }
  });

  it("answers every format at every version", async () => {
    for (const format of EXPORT_FORMATS) for (const version of [1, 2, 3]) expect((await download(`format=${format}&version=${version}`)).status, `${format} v${version}`).toBe(200);
  });
});
