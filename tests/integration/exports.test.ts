import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { marked } from "marked";
import MarkdownIt from "markdown-it";
import { parse as parseCsvFile } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { anchorOn as anchorIn, buildTestApp, buildWorld, importDocument, type AppClient, type TestApp } from "../helpers/kit.ts";
import { DETERRENCE, ROCKETS, type Article } from "../fixtures/deterrence.ts";
import { DESK } from "../fixtures/desk.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import { readYaml } from "../../server/modules/exports/test-fixtures.ts";

let t: TestApp;
let owner: AppClient, editor: AppClient, ana: AppClient, ben: AppClient, viewer: AppClient, stranger: AppClient;
let workspaceId: string;
let documentId: string;
let paragraphs: Array<{ id: string; text: string; kind: string }>;
const notes: Record<string, AnnotationDto> = {};
const tags: Record<string, string> = {};

const HOSTILE_BODY = `<script>alert("x")</script> [click](javascript:alert(1)) =HYPERLINK("http://evil.example")`;
const HOSTILE_RATIONALE = `<img src=x onerror=alert(3)> misleading scale`;
const HOSTILE_REPLY = `<b onmouseover="alert(4)">bold</b> -2+3`;
const DELETED_REPLY = "This reply was deleted and must leave no trace";
const ORIGIN = "http://localhost:3000";
/** Metadata as the importer stores it (structured authors, dateline, article dates). */
const ARTICLE_METADATA = {
  authors: [
    { name: "Jane Doe", degrees: ["PhD"], affiliations: ["Institute of Studies"], positions: [], identifiers: {} },
    { name: "John Roe", degrees: [], affiliations: [], positions: [], identifiers: {} },
  ],
  dateline: "Vol. 22, No. 4, October–December 2024",
  dates: { published: "3 March 2024" },
};

// A second document whose every user-supplied string is hostile, or plain text that a careless
// escaper would mangle ("24.8", "[email protected]", "@Name").
const HOSTILE_TITLE = `<img src=x onerror=alert(1)> *Bold* [x](https://evil.example) & Co`;
const HOSTILE_TEXT = [
  "Hostile Review Sample",
  "",
  `The opening paragraph of this report carries <b onmouseover="alert(5)">raw markup</b> and [a link](https://evil.example) inside its prose.`,
  "",
  "Growth reached 24.8 percent last year, according to [email protected] and @Name speaking on the record.",
  "",
  "The second paragraph continues the quoted passage and ends with **stars**, `ticks` and <iframe src=x></iframe> in it.",
].join("\n");
const HOSTILE_NOTE = `<script>alert(6)</script> *em* [x](https://evil.example) 24.8 [email protected] @Name \u0001ctl\u001b end`;
const HOSTILE_HREF = "https://evil.example";
/** The hostile note as people see it: its control characters shown as U+FFFD. */
const printable = (s: string) => s.replaceAll("\u0001", "\uFFFD").replaceAll("\u001b", "\uFFFD");
let hostileId: string;
let hostileParagraphs: Array<{ id: string; text: string; kind: string }>;
const hostile: Record<string, AnnotationDto> = {};

/** The shared article in Markdown with every block kind an export writes: a section, a list, a quotation, a numbered list. */
const ARTICLE: Article = { ...DETERRENCE, section: "Background", quote: ROCKETS, ordered: ["Ordered one", "Ordered two"] };

const anchorOn = (text: string, endText?: string, within = paragraphs) => anchorIn(within, text, endText);

async function annotate(key: string, by: AppClient, body: object) {
  const res = await by.post(`/api/documents/${documentId}/annotations`, body);
  expect(res.status).toBe(201);
  notes[key] = res.body.annotation;
}

async function exported(format: string, extra = "", user: AppClient = ana, id = documentId) {
  const res = await user.get(`/api/documents/${id}/export?format=${format}${extra}`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(c));
    r.on("end", () => cb(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  return { body: res.body as Buffer, headers: res.headers as Record<string, string> };
}
const text = async (format: string, extra = "", id = documentId) => (await exported(format, extra, ana, id)).body.toString("utf8");
const json = async <T = Record<string, unknown>>(format: string, extra = "", id = documentId) => JSON.parse(await text(format, extra, id)) as T;

/** The plain text the JSON-LD positions are defined over. */
const plainText = () => paragraphs.map((p) => p.text).join("\n");
const live = () => Object.values(notes);

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, { members: DESK, document: { article: ARTICLE, format: "md" } });
  ({ owner, workspaceId, documentId, paragraphs } = world);
  ({ editor, ana, ben, viewer } = world.users);
  stranger = await t.signUp({ displayName: "Stranger" });
  const region = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Region" })).body.tag;
  tags.region = region.id;
  tags.baltic = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Baltic", parentId: region.id })).body.tag.id;
  tags.navy = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Navy" })).body.tag.id;

  await annotate("claimA", ana, { kind: "claim", body: HOSTILE_BODY, anchor: anchorOn("three new regional agreements by 2030"), tagIds: [tags.baltic] });
  await annotate("commentB", ben, { kind: "comment", body: "Overlaps the claim", anchor: anchorOn("regional agreements by 2030, though none") });
  await annotate("highlightC", ana, { kind: "highlight", anchor: anchorOn("agreements") });
  await annotate("commentD", ben, { kind: "comment", body: "Spans two paragraphs", anchor: anchorOn("moved it elsewhere.", "Analysts expect") });
  await annotate("claimE", ana, { kind: "claim", body: "=1+1", anchor: anchorOn("🚀 rose sharply") });
  await annotate("tagF", ana, { kind: "highlight", anchor: anchorOn("confidence-building measures"), tagIds: [tags.navy] });
  await annotate("claimG", ben, { kind: "claim", body: "@cmd|' /C calc'!A0", anchor: anchorOn("Ordered two") });

  await editor.post(`/api/annotations/${notes.claimA!.id}/review`, { version: 1, status: "false", rationale: "@SUM(1) Talks continued.", sources: ["https://example.org/report?a=1&b=2"] });
  await editor.post(`/api/annotations/${notes.claimE!.id}/review`, { version: 1, status: "misleading", rationale: HOSTILE_RATIONALE, sources: ["https://example.org/rockets"] });
  await editor.post(`/api/annotations/${notes.claimG!.id}/assign`, { version: 1, assigneeId: ben.id });
  const r1 = await ben.post(`/api/annotations/${notes.claimA!.id}/replies`, { body: HOSTILE_REPLY, stance: "disputes" });
  await ana.post(`/api/annotations/${notes.claimA!.id}/replies`, { body: "Fair point", stance: "supports", parentId: r1.body.reply.id });
  await ben.post(`/api/annotations/${notes.claimA!.id}/replies`, { body: "Still disputed", stance: "disputes" });
  // A deleted reply (its text, stance and count must leave every export) with a live answer to it.
  const gone = await owner.post(`/api/annotations/${notes.claimA!.id}/replies`, { body: DELETED_REPLY, stance: "questions" });
  await editor.post(`/api/annotations/${notes.claimA!.id}/replies`, { body: "Answer to a deleted reply", parentId: gone.body.reply.id });
  expect((await owner.delete(`/api/replies/${gone.body.reply.id}`)).status).toBe(200);
  await t.db.document.update({ where: { id: documentId }, data: { metadata: JSON.stringify(ARTICLE_METADATA) } });

  ({ id: hostileId, paragraphs: hostileParagraphs } = await importDocument(owner, workspaceId, { content: HOSTILE_TEXT, format: "txt", title: HOSTILE_TITLE }));
  await t.db.document.update({ where: { id: hostileId }, data: { metadata: JSON.stringify({ authors: [] }) } });
  const on = (text: string, endText?: string) => anchorOn(text, endText, hostileParagraphs);
  const add = async (key: string, body: object) => {
    const res = await ana.post(`/api/documents/${hostileId}/annotations`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    hostile[key] = res.body.annotation;
  };
  await add("span", { kind: "comment", body: HOSTILE_NOTE, anchor: on("24.8 percent", "The second paragraph") });
  await add("markup", { kind: "comment", body: "Markup in the article", anchor: on(`<b onmouseover="alert(5)">raw markup</b>`) });
  await add("minus", { kind: "claim", body: "-2", anchor: on("**stars**") });
  await add("formula", { kind: "claim", body: "=cmd|' /C calc'!A0", anchor: on("`ticks`") });
  await add("name", { kind: "highlight", anchor: on("@Name") });
  await ben.post(`/api/annotations/${hostile.span!.id}/replies`, { body: `<svg onload=alert(8)> [y](${HOSTILE_HREF}) 24.8`, stance: "questions" });
  await editor.post(`/api/annotations/${hostile.minus!.id}/review`, { version: 1, status: "supported", rationale: `<iframe src=javascript:alert(7)></iframe> **checked**`, sources: ["https://example.org/growth"] });
});
afterAll(async () => {
  await t?.close();
});

describe("access and validation", () => {
  it("lets any member export, hides the document from strangers, and names a bad parameter", async () => {
    expect((await viewer.get(`/api/documents/${documentId}/export?format=md`)).status).toBe(200);
    expect((await stranger.get(`/api/documents/${documentId}/export?format=md`)).status).toBe(404);
    const bad = await ana.get(`/api/documents/${documentId}/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("format");
    const badKind = await ana.get(`/api/documents/${documentId}/export?format=md&kinds=claim,memo`);
    expect(badKind.body.error.field).toBe("kinds.1");
    const badRows = await ana.get(`/api/documents/${documentId}/export?format=csv&rows=everything`);
    expect([badRows.status, badRows.body.error.field]).toEqual([400, "rows"]);
    const rowsElsewhere = await ana.get(`/api/documents/${documentId}/export?format=md&rows=all`);
    expect([rowsElsewhere.status, rowsElsewhere.body.error.field]).toEqual([400, "rows"]);
    expect(rowsElsewhere.body.error.message).toMatch(/csv/);
    const { headers } = await exported("csv");
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="deterrence-after-the-treaty-d_[0-9a-z]+-v1-seq\d+\.csv"/);
    expect(headers["x-scholia-document"]).toBe(documentId);
  });
});

describe("deleted replies", () => {
  it("leave every format: no text, no stance, no count", async () => {
    for (const format of ["html", "md", "jsonld", "csv", "claimreview"]) expect(await text(format), format).not.toContain(DELETED_REPLY);
    const zip = await JSZip.loadAsync((await exported("docx")).body);
    expect(await zip.file("word/comments.xml")!.async("string")).not.toContain(DELETED_REPLY);
    const html = await text("html");
    expect(html).not.toMatch(/>deleted</);
    expect(await text("md")).not.toContain("*deleted*");
    const rows = parseCsvFile(await exported("csv").then((r) => r.body), { bom: true, columns: true }) as Array<Record<string, string>>;
    const rowA = rows.find((r) => r.annotation_id === notes.claimA!.id)!;
    // Live replies: Ben disputes (twice), Ana supports, Edith's answer; the owner's question was deleted.
    expect([rowA.supports, rowA.disputes, rowA.questions, rowA.replies]).toEqual(["1", "1", "0", "4"]);
  });
});

/** Text of each note's highlights: segments in one block concatenated, blocks joined with "\n". */
function highlightTexts(html: string): Map<number, string> {
  const dom = parseDocument(html);
  const parts = new Map<number, Array<{ p: number; text: string }>>();
  for (const mark of DomUtils.getElementsByTagName("mark", dom)) {
    let block: Element | null = mark;
    while (block && block.attribs["data-p"] === undefined) block = block.parent as Element | null;
    const p = Number(block!.attribs["data-p"]);
    for (const n of mark.attribs["data-notes"]!.split(" ").map(Number)) parts.set(n, [...(parts.get(n) ?? []), { p, text: DomUtils.textContent(mark) }]);
  }
  const out = new Map<number, string>();
  for (const [n, list] of parts) {
    let s = "";
    list.forEach((x, i) => (s += (i > 0 && list[i - 1]!.p !== x.p ? "\n".repeat(x.p - list[i - 1]!.p) : "") + x.text));
    out.set(n, s);
  }
  return out;
}

describe("html", () => {
  it("highlights exactly each annotation's quote, overlaps included, with numbered endnotes", async () => {
    const html = await text("html");
    const dom = parseDocument(html);
    const endnotes = DomUtils.getElementsByTagName("li", dom).filter((li) => li.attribs.id?.startsWith("note-"));
    expect(endnotes).toHaveLength(live().length);
    const byAnnotation = new Map(endnotes.map((li) => [li.attribs["data-annotation"]!, Number(li.attribs.id!.slice(5))]));
    const highlights = highlightTexts(html);
    for (const a of live()) {
      const n = byAnnotation.get(a.id)!;
      expect(highlights.get(n), a.id).toBe(a.anchor.quote);
      expect(DomUtils.getElementById(`ref-${n}`, dom), `marker ${n}`).toBeTruthy();
    }
    // Numbers follow document order.
    const order = [...byAnnotation.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => Object.entries(notes).find(([, a]) => a.id === id)![0]);
    expect(order).toEqual(["commentD", "claimA", "commentB", "highlightC", "tagF", "claimE", "claimG"]);
    const noteA = endnotes.find((li) => li.attribs["data-annotation"] === notes.claimA!.id)!;
    expect(DomUtils.textContent(noteA)).toContain("False");
    expect(DomUtils.textContent(noteA)).toContain("Region > Baltic");
    expect(DomUtils.textContent(noteA)).toContain("Fair point");
    expect(DomUtils.textContent(noteA)).toContain("Answer to a deleted reply");
  });

  it("is standalone and inert: no script, no handlers, no javascript: links, a restrictive CSP", async () => {
    for (const id of [documentId, hostileId]) {
      const html = await text("html", "", id);
      const dom = parseDocument(html);
      expect(DomUtils.getElementsByTagName("script", dom)).toEqual([]);
      const all = DomUtils.getElementsByTagName(() => true, dom, true) as Element[];
      for (const el of all) {
        for (const [name, value] of Object.entries(el.attribs)) {
          expect(name.startsWith("on"), `${el.name} ${name}`).toBe(false);
          if (name === "href" || name === "src") expect(value).toMatch(/^(#|https?:\/\/)/);
        }
      }
      expect(DomUtils.getElementsByTagName((n) => ["img", "iframe", "svg", "b", "script"].includes(n), dom).map((e) => e.name)).toEqual([]);
      for (const a of DomUtils.getElementsByTagName("a", dom)) expect(a.attribs.href).toMatch(/^(#|https:\/\/example\.org\/)/);
      const csp = all.find((el) => el.name === "meta" && el.attribs["http-equiv"] === "Content-Security-Policy")!;
      expect(csp.attribs.content).toMatch(/default-src 'none'/);
      expect(csp.attribs.content).not.toMatch(/unsafe/);
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    }
    const html = await text("html");
    const dom = parseDocument(html);
    const all = DomUtils.getElementsByTagName(() => true, dom, true) as Element[];
    // The hostile text survives as text.
    expect(DomUtils.textContent(dom)).toContain(HOSTILE_BODY);
    expect(DomUtils.textContent(dom)).toContain(HOSTILE_RATIONALE);
    expect(DomUtils.textContent(dom)).toContain(`bold</b> -2+3`);
    const hostileText = DomUtils.textContent(parseDocument(await text("html", "", hostileId)));
    expect(hostileText).toContain(HOSTILE_TITLE);
    expect(hostileText).toContain(printable(HOSTILE_NOTE));
    const meta = (name: string) => all.find((el) => el.name === "meta" && el.attribs.name === name)?.attribs.content;
    expect(meta("scholia:document")).toBe(documentId);
    expect(Number(meta("scholia:seq"))).toBe((await t.db.document.findUniqueOrThrow({ where: { id: documentId } })).lastSeq);
    expect(Date.parse(meta("scholia:exported-at")!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

/** Walks word/document.xml and collects the text inside each comment range. */
function commentRanges(xml: string): Map<number, string> {
  const dom = parseDocument(xml, { xmlMode: true });
  const active = new Set<number>();
  const out = new Map<number, string>();
  const add = (s: string) => active.forEach((id) => out.set(id, (out.get(id) ?? "") + s));
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== "tag") continue;
      const el = node as Element;
      if (el.name === "w:commentRangeStart") {
        active.add(Number(el.attribs["w:id"]));
        out.set(Number(el.attribs["w:id"]), "");
      } else if (el.name === "w:commentRangeEnd") active.delete(Number(el.attribs["w:id"]));
      else if (el.name === "w:t") add(DomUtils.textContent(el));
      else {
        walk(el.children);
        if (el.name === "w:p") add("\n");
      }
    }
  };
  walk(dom.children);
  return out;
}

type XmlNode = { [k: string]: XmlNode | XmlNode[] | string | undefined };
const ooxml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", trimValues: false, isArray: (name) => ["w:comment", "w:p", "w:r", "w:t", "w15:commentEx"].includes(name) });
const arr = (v: unknown) => (Array.isArray(v) ? (v as XmlNode[]) : []);
/** All w:t text under a parsed element, in order. */
function runText(el: XmlNode): string {
  return arr(el["w:p"])
    .flatMap((p) => arr(p["w:r"]).flatMap((r) => arr(r["w:t"]).map((tx) => (typeof tx === "string" ? tx : String((tx as XmlNode)["#text"] ?? "")))))
    .join("");
}

describe("docx", () => {
  it("has a native comment per annotation whose range encloses exactly the quote", async () => {
    const zip = await JSZip.loadAsync((await exported("docx")).body);
    const documentXml = await zip.file("word/document.xml")!.async("string");
    const commentsXml = await zip.file("word/comments.xml")!.async("string");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("comments+xml");
    const ranges = commentRanges(documentXml);
    const comments = arr((ooxml.parse(commentsXml) as XmlNode)["w:comments"] && ((ooxml.parse(commentsXml) as XmlNode)["w:comments"] as XmlNode)["w:comment"]);
    const byId = new Map(comments.map((c) => [Number(c["@_w:id"]), runText(c)]));
    for (const a of live()) {
      const id = [...byId.entries()].find(([, body]) => body.startsWith(`[`) && ranges.get(Number(body.slice(1, body.indexOf("]")))) === a.anchor.quote && body.includes(a.kind === "highlight" ? "Highlight" : a.kind === "claim" ? "Claim" : "Comment"));
      expect(id, a.anchor.quote).toBeTruthy();
    }
    const claimA = [...byId.values()].find((b) => b.includes(HOSTILE_BODY))!;
    expect(claimA).toContain("False");
    // Replies are comments of their own now, not paragraphs of the note's comment.
    expect(claimA).not.toContain("Fair point");
    // Escaped as XML text, never markup.
    expect(commentsXml).not.toContain("<script");
    expect(commentsXml).toContain("&lt;script&gt;");
    expect(documentXml).toContain("Exported from");
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain(documentId);
  });

  it("threads each reply as a Word reply: its own comment on the same range, linked to the note by paraId", async () => {
    const zip = await JSZip.loadAsync((await exported("docx")).body);
    const comments = arr(((ooxml.parse(await zip.file("word/comments.xml")!.async("string")) as XmlNode)["w:comments"] as XmlNode)["w:comment"]);
    const extended = arr(((ooxml.parse(await zip.file("word/commentsExtended.xml")!.async("string")) as XmlNode)["w15:commentsEx"] as XmlNode)["w15:commentEx"]);
    const ranges = commentRanges(await zip.file("word/document.xml")!.async("string"));
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("commentsExtended+xml");
    expect(await zip.file("word/_rels/document.xml.rels")!.async("string")).toContain("commentsExtended.xml");

    // One comment per note and per live reply.
    const liveReplies = (await t.db.reply.findMany({ where: { annotation: { documentId }, deletedAt: null } })).length;
    expect(comments).toHaveLength(live().length + liveReplies);
    // A comment's paraId is its last paragraph's w14:paraId.
    const paraIdOf = new Map(comments.map((c) => [arr(c["w:p"]).at(-1)!["@_w14:paraId"] as string, c]));
    expect(paraIdOf.size).toBe(comments.length);
    const notesById = new Map(comments.filter((c) => runText(c).startsWith("[")).map((c) => [c["@_w:id"] as string, c]));
    expect(notesById.size).toBe(live().length);
    const replyEntries = extended.filter((e) => e["@_w15:paraIdParent"] !== undefined);
    expect(replyEntries).toHaveLength(liveReplies);
    for (const e of extended) expect(paraIdOf.has(e["@_w15:paraId"] as string), `paraId ${e["@_w15:paraId"]}`).toBe(true);
    const threads = new Map<string, string[]>();
    for (const e of replyEntries) {
      const reply = paraIdOf.get(e["@_w15:paraId"] as string)!;
      const parent = paraIdOf.get(e["@_w15:paraIdParent"] as string)!;
      expect(parent, "a reply's parent is a comment").toBeTruthy();
      expect(notesById.has(parent["@_w:id"] as string), "Word threads hang from the note's comment").toBe(true);
      expect(ranges.get(Number(reply["@_w:id"])), "a reply is anchored on its note's range").toBe(ranges.get(Number(parent["@_w:id"])));
      threads.set(runText(parent), [...(threads.get(runText(parent)) ?? []), `${reply["@_w:author"]}: ${runText(reply)}`]);
    }
    const claimA = [...threads.entries()].find(([note]) => note.includes(HOSTILE_BODY))![1];
    expect(claimA).toEqual([
      `Ben Analyst: (disputes) ${HOSTILE_REPLY}`,
      "Ana Analyst: (supports, in reply to Ben Analyst) Fair point",
      "Ben Analyst: (disputes) Still disputed",
      "Edith Editor: Answer to a deleted reply",
    ]);
  });

  it("names who made the file and spaces its paragraphs", async () => {
    const zip = await JSZip.loadAsync((await exported("docx")).body);
    const core = (ooxml.parse(await zip.file("docProps/core.xml")!.async("string")) as XmlNode)["cp:coreProperties"] as XmlNode;
    expect(core["cp:lastModifiedBy"]).toBe("Ana Analyst");
    expect(core["dc:creator"]).toBe("Scholia");
    const styles = (ooxml.parse(await zip.file("word/styles.xml")!.async("string")) as XmlNode)["w:styles"] as XmlNode;
    const spacing = ((((styles["w:docDefaults"] as XmlNode)["w:pPrDefault"] as XmlNode)["w:pPr"] as XmlNode)["w:spacing"] as XmlNode) ?? {};
    expect(Number(spacing["@_w:after"])).toBeGreaterThan(0);
    // No paragraph takes the spacing away again.
    expect(await zip.file("word/document.xml")!.async("string")).not.toMatch(/<w:spacing[^>]*w:after="0"/);
  });
});

interface WebAnnotation {
  id: string;
  type: string;
  motivation: string;
  body?: Array<{ type: string; value: string; purpose: string }>;
  target: string | { source: string; selector: Array<{ type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number }> };
  "scholia:kind"?: string;
}

describe("jsonld", () => {
  it("is a Web Annotation collection whose selectors match the text it carries", async () => {
    const doc = await json<{
      "@context": unknown[];
      type: string;
      total: number;
      first: { type: string; items: WebAnnotation[] };
      last: string;
      generated: string;
      "scholia:document": { id: string; seq: number };
      "scholia:textModel": string;
      "scholia:text": { id: string; type: string; format: string; value: string };
    }>("jsonld");
    expect(doc["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(doc.type).toBe("AnnotationCollection");
    expect(doc["scholia:document"].id).toBe(documentId);
    expect(doc["scholia:textModel"]).toMatch(/code points.*joined with a single line feed/);
    expect(doc.first.type).toBe("AnnotationPage");
    // The export carries the text its positions count in, under the IRI every target names.
    const embedded = doc["scholia:text"];
    expect(embedded).toMatchObject({ id: `${ORIGIN}/d/${documentId}?version=1`, type: "Text", format: "text/plain" });
    expect(embedded.value).toBe(plainText());
    const items = doc.first.items;
    expect(doc.total).toBe(items.length);
    const plain = Array.from(embedded.value);
    const MOTIVATIONS = new Set(["commenting", "highlighting", "tagging", "assessing", "replying"]);
    for (const item of items) {
      expect(item.type).toBe("Annotation");
      expect(item.id).toMatch(/^urn:scholia:/);
      expect(MOTIVATIONS.has(item.motivation)).toBe(true);
    }
    const annotations = items.filter((i) => i.motivation !== "replying");
    expect(annotations).toHaveLength(live().length);
    for (const a of live()) {
      const item = annotations.find((i) => i.id === `urn:scholia:annotation:${a.id}`)!;
      const target = item.target as Exclude<WebAnnotation["target"], string>;
      expect(target.source).toBe(embedded.id);
      expect(target.source).not.toMatch(/\/api\//);
      const quote = target.selector.find((s) => s.type === "TextQuoteSelector")!;
      const pos = target.selector.find((s) => s.type === "TextPositionSelector")!;
      expect(quote.exact).toBe(a.anchor.quote);
      expect(plain.slice(pos.start!, pos.end!).join("")).toBe(quote.exact);
      // Context: up to 32 code points on each side, wherever the paragraphs end.
      expect(quote.prefix).toBe(plain.slice(Math.max(0, pos.start! - 32), pos.start!).join(""));
      expect(quote.suffix).toBe(plain.slice(pos.end!, pos.end! + 32).join(""));
    }
    const byKey = (k: string) => annotations.find((i) => i.id.endsWith(notes[k]!.id))!;
    const selectorOf = (k: string) => (byKey(k).target as Exclude<WebAnnotation["target"], string>).selector[0]!;
    // "three new regional agreements" starts 16 characters into its paragraph: the prefix reaches back into the previous one.
    expect(selectorOf("claimA").prefix).toMatch(/elsewhere\.\nAnalysts expect $/);
    expect(Array.from(selectorOf("claimA").prefix!)).toHaveLength(32);
    // "confidence-building measures at sea." ends its list item: the suffix runs into the next.
    expect(selectorOf("tagF").suffix).toMatch(/^ at sea\.\nSecond, /);
    expect(byKey("claimA").motivation).toBe("assessing");
    expect(byKey("commentB").motivation).toBe("commenting");
    expect(byKey("highlightC").motivation).toBe("highlighting");
    expect(byKey("tagF").motivation).toBe("tagging");
    expect(byKey("claimA").body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "TextualBody", value: HOSTILE_BODY, purpose: "commenting" }),
        expect.objectContaining({ type: "TextualBody", value: "Region > Baltic", purpose: "tagging" }),
        expect.objectContaining({ purpose: "assessing", value: "False: @SUM(1) Talks continued." }),
      ]),
    );
    const replies = items.filter((i) => i.motivation === "replying");
    expect(replies).toHaveLength(4);
    const ids = new Set(items.map((i) => i.id));
    for (const r of replies) expect(ids.has(r.target as string)).toBe(true);
    // The answer to the deleted reply hangs from the note itself.
    expect(replies.filter((r) => r.target === byKey("claimA").id)).toHaveLength(3);
  });

  it("pages on request, and each page points back to its collection", async () => {
    const col = await json<{ total: number; first: { items: unknown[]; next: string }; last: string }>("jsonld", "&pageSize=4");
    expect(col.first.items).toHaveLength(4);
    expect(col.first.next).toContain("page=1");
    const last = await json<{ type: string; items: unknown[]; prev: string; partOf: { id: string; total: number; "scholia:text": { value: string } }; startIndex: number }>("jsonld", "&pageSize=4&page=2");
    expect(last.type).toBe("AnnotationPage");
    expect(last.startIndex).toBe(8);
    expect(last.items).toHaveLength(col.total - 8);
    expect(last.partOf.total).toBe(col.total);
    expect(last.partOf["scholia:text"].value).toBe(plainText());
    expect((await ana.get(`/api/documents/${documentId}/export?format=jsonld&pageSize=4&page=3`)).body.error.field).toBe("page");
  });

  it("honours filters: kinds, tags with descendants, statuses, replies", async () => {
    const items = async (q: string) => (await json<{ first: { items: WebAnnotation[] } }>("jsonld", q)).first.items;
    const claims = await items("&kinds=claim&replies=false");
    expect(claims.map((i) => i.id).sort()).toEqual([notes.claimA!.id, notes.claimE!.id, notes.claimG!.id].map((id) => `urn:scholia:annotation:${id}`).sort());
    const region = await items(`&tags=${tags.region}`);
    expect(region.filter((i) => i.motivation !== "replying").map((i) => i.id)).toEqual([`urn:scholia:annotation:${notes.claimA!.id}`]);
    expect(region.filter((i) => i.motivation === "replying")).toHaveLength(4);
    const decided = await items("&statuses=false,misleading");
    expect(decided.filter((i) => i.motivation !== "replying")).toHaveLength(2);
  });
});

type CsvRow = Record<string, string>;
const csvRows = (body: Buffer) => parseCsvFile(body, { bom: true, columns: true, relaxColumnCount: false }) as CsvRow[];

describe("csv", () => {
  it("has one row per claim that reads back to the claims, with formulas neutralised", async () => {
    const { body } = await exported("csv");
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8").endsWith("\r\n")).toBe(true);
    const rows = csvRows(body);
    const claims = live().filter((a) => a.kind === "claim");
    expect(rows).toHaveLength(claims.length);
    for (const a of claims) {
      const row = rows.find((r) => r.annotation_id === a.id)!;
      expect(row.quote).toBe(a.anchor.quote);
      expect(row.document_id).toBe(documentId);
      expect(row.kind).toBe("claim");
    }
    const rowA = rows.find((r) => r.annotation_id === notes.claimA!.id)!;
    expect(rowA.status).toBe("false");
    expect(rowA.rationale).toBe("'@SUM(1) Talks continued.");
    expect(rowA.note).toBe(HOSTILE_BODY);
    expect(rowA.tags).toBe("Region > Baltic");
    expect(rowA.sources).toBe("https://example.org/report?a=1&b=2");
    // UTF-8 survives: the quote with the rocket and the curly apostrophe.
    expect(rows.find((r) => r.annotation_id === notes.claimE!.id)!.quote).toBe("🚀 rose sharply");
    const rowE = rows.find((r) => r.annotation_id === notes.claimE!.id)!;
    expect(rowE.note).toBe("'=1+1");
    const rowG = rows.find((r) => r.annotation_id === notes.claimG!.id)!;
    expect(rowG.note).toBe("'@cmd|' /C calc'!A0");
    expect(rowG.assignee).toBe("Ben Analyst");
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });

  it("leaves plain numbers alone, guards formulas, and offers every annotation with rows=all", async () => {
    const claims = csvRows((await exported("csv", "", ana, hostileId)).body);
    expect(claims.map((r) => [r.kind, r.note])).toEqual([
      ["claim", "-2"],
      ["claim", "'=cmd|' /C calc'!A0"],
    ]);
    const all = csvRows((await exported("csv", "&rows=all", ana, hostileId)).body);
    expect(all.map((r) => r.annotation_id).sort()).toEqual(Object.values(hostile).map((a) => a.id).sort());
    const byId = new Map(all.map((r) => [r.annotation_id, r]));
    // "@Name" would be a formula to a spreadsheet (@ is an operator), so it is guarded like any other.
    expect(byId.get(hostile.name!.id)).toMatchObject({ kind: "highlight", status: "", quote: "'@Name", note: "" });
    expect(byId.get(hostile.span!.id)).toMatchObject({ kind: "comment", questions: "1", replies: "1" });
    expect(byId.get(hostile.span!.id)!.note).toBe(HOSTILE_NOTE);
    expect(byId.get(hostile.minus!.id)).toMatchObject({ kind: "claim", status: "supported", note: "-2" });
    // The filters still apply: rows=all with kinds=highlight is the highlights.
    expect(csvRows((await exported("csv", "&rows=all&kinds=highlight", ana, hostileId)).body).map((r) => r.annotation_id)).toEqual([hostile.name!.id]);
  });
});

/** Google's fact-check structured data rules: problems with one ClaimReview, empty when it is valid. */
function claimReviewProblems(r: Record<string, unknown>, pageOrigin: string): string[] {
  const problems: string[] = [];
  const obj = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const nonEmpty = (v: unknown) => typeof v === "string" && v.trim() !== "";
  const isDate = (v: unknown) => typeof v === "string" && /^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z)?)?)?$/.test(v) && !Number.isNaN(Date.parse(v));
  const named = (v: unknown) => (Array.isArray(v) ? v.length > 0 && v.every((x) => nonEmpty(obj(x)?.name)) : nonEmpty(obj(v)?.name));
  // Required.
  if (r["@type"] !== "ClaimReview") problems.push("@type");
  if (!nonEmpty(r.claimReviewed)) problems.push("claimReviewed");
  const rating = obj(r.reviewRating);
  if (!rating || rating["@type"] !== "Rating" || !nonEmpty(rating.alternateName)) problems.push("reviewRating.alternateName");
  let url: URL | null = null;
  try {
    url = new URL(String(r.url));
  } catch {
    problems.push("url");
  }
  if (url && url.origin !== pageOrigin) problems.push("url: not on the publishing site");
  // Recommended (each of these is checked when we claim to provide it).
  if (!named(r.author)) problems.push("author");
  if (!isDate(r.datePublished)) problems.push("datePublished");
  const claim = obj(r.itemReviewed);
  if (!claim || claim["@type"] !== "Claim") problems.push("itemReviewed");
  if (claim && "author" in claim && !named(claim.author)) problems.push("itemReviewed.author");
  if (claim && "datePublished" in claim && !isDate(claim.datePublished)) problems.push("itemReviewed.datePublished");
  const appearance = obj(claim?.appearance);
  if (!appearance || !nonEmpty(appearance.url)) problems.push("itemReviewed.appearance");
  if (rating && !nonEmpty(rating.name)) problems.push("reviewRating.name");
  if (rating && "ratingValue" in rating) {
    const [value, best, worst] = [rating.ratingValue, rating.bestRating, rating.worstRating].map(Number);
    if (!(worst! <= value! && value! <= best!)) problems.push("reviewRating scale");
  }
  return problems;
}

type FeedReview = Record<string, unknown> & { url: string; reviewRating: Record<string, unknown>; itemReviewed: Record<string, unknown> & { appearance: { url: string } } };

describe("claimreview", () => {
  it("describes each claim with a verdict as a ClaimReview that meets Google's required and recommended properties", async () => {
    const feed = await json<{ "@context": string; isBasedOn: { identifier: string; url: string }; dateCreated: string; dataFeedElement: FeedReview[] }>("claimreview");
    expect(feed["@context"]).toBe("https://schema.org");
    expect(feed.isBasedOn).toMatchObject({ identifier: documentId, url: `${ORIGIN}/d/${documentId}` });
    const reviews = feed.dataFeedElement;
    expect(reviews.map((r) => r.identifier).sort()).toEqual([notes.claimA!.id, notes.claimE!.id].sort());
    for (const r of reviews) expect(claimReviewProblems(r, ORIGIN), String(r.identifier)).toEqual([]);
    const a = reviews.find((r) => r.identifier === notes.claimA!.id)!;
    expect(a).toMatchObject({ "@type": "ClaimReview", claimReviewed: notes.claimA!.anchor.quote, reviewBody: "@SUM(1) Talks continued.", author: { "@type": "Person", name: "Edith Editor" } });
    expect(a.reviewRating).toMatchObject({ "@type": "Rating", name: "False", alternateName: "False", ratingValue: 1, bestRating: 5, worstRating: 1 });
    // The claim is the article's, made by its authors when it was published.
    expect(a.itemReviewed).toMatchObject({
      "@type": "Claim",
      author: [
        { "@type": "Person", name: "Jane Doe" },
        { "@type": "Person", name: "John Roe" },
      ],
      datePublished: "2024-03-03",
    });
    // Public pages of the app, never the API: the review panel, and the article opened at the claim.
    const review = new URL(a.url);
    expect(review.pathname).toBe(`/d/${documentId}`);
    expect(review.searchParams.get("a")).toBe(notes.claimA!.id);
    expect(review.hash).toBe(`#claim-review-${notes.claimA!.id}`);
    const appearance = new URL(a.itemReviewed.appearance.url);
    expect(`${appearance.origin}${appearance.pathname}${appearance.search}`).toBe(`${ORIGIN}/d/${documentId}?a=${notes.claimA!.id}`);
    for (const r of reviews) expect(JSON.stringify(r)).not.toMatch(/\/api\//);
    // Unverifiable has no place on the scale; decided claims elsewhere keep their own label.
    expect(reviews.find((r) => r.identifier === notes.claimE!.id)!.reviewRating).toMatchObject({ name: "Misleading", ratingValue: 2 });
  });

  it("dates the claim by the dateline's year when no publication date is known, and leaves out what the metadata does not say", async () => {
    await t.db.document.update({ where: { id: documentId }, data: { metadata: JSON.stringify({ ...ARTICLE_METADATA, dates: {} }) } });
    try {
      const [fromDateline] = (await json<{ dataFeedElement: FeedReview[] }>("claimreview")).dataFeedElement;
      expect(fromDateline!.itemReviewed.datePublished).toBe("2024");
    } finally {
      await t.db.document.update({ where: { id: documentId }, data: { metadata: JSON.stringify(ARTICLE_METADATA) } });
    }
    const [bare] = (await json<{ dataFeedElement: FeedReview[] }>("claimreview", "", hostileId)).dataFeedElement;
    expect(claimReviewProblems(bare!, ORIGIN)).toEqual([]);
    expect(bare!.itemReviewed).not.toHaveProperty("author");
    expect(bare!.itemReviewed).not.toHaveProperty("datePublished");
    expect(bare!.reviewRating).toMatchObject({ name: "Supported", ratingValue: 5 });
  });
});

/** The element names and attributes the Markdown export's own syntax may produce. */
const OWN_ELEMENTS = new Set(["hr", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "em", "strong", "br", "a", "pre", "code"]);

describe("markdown", () => {
  it("puts a footnote marker after each annotation and the notes as footnotes, with hostile text inert", async () => {
    const md = await text("md");
    expect(md.startsWith("---\ntitle: \"Deterrence After the Treaty\"\n")).toBe(true);
    expect(md).toContain(`document: "${documentId}"`);
    for (let n = 1; n <= live().length; n++) {
      expect(md).toContain(`[^${n}]: `);
      expect(md.split(`[^${n}]`).length - 1).toBe(2);
    }
    expect(md).toContain("# Deterrence After the Treaty");
    expect(md).toContain("- First, confidence-building measures[^5] at sea.");
    // marked has no footnote syntax: read each footnote as a plain block (de-indented) instead.
    const html = await marked.parse(md.replace(/^\[\^(\d+)\]: /gm, "Note $1: ").replace(/^ {4}/gm, ""));
    const dom = parseDocument(html);
    expect(DomUtils.getElementsByTagName("script", dom)).toEqual([]);
    expect(DomUtils.getElementsByTagName("img", dom)).toEqual([]);
    for (const a of DomUtils.getElementsByTagName("a", dom)) expect(a.attribs.href).toMatch(/^https?:/);
    expect(DomUtils.textContent(dom)).toContain(`<script>alert("x")</script>`);
  });

  it("renders in a CommonMark renderer with raw HTML on without a single element or attribute from user text", async () => {
    const md = await text("md", "", hostileId);
    const sources = new Set(["https://example.org/growth"]);
    // The whole file, front matter included (a common renderer shows it as text).
    const whole = parseDocument(new MarkdownIt({ html: true }).render(md));
    for (const el of DomUtils.getElementsByTagName(() => true, whole.children, true)) {
      expect(OWN_ELEMENTS.has(el.name), `<${el.name}>`).toBe(true);
      for (const [name, value] of Object.entries(el.attribs)) {
        expect(`${el.name} ${name}`).toBe("a href");
        expect(sources.has(value), value).toBe(true);
      }
      // Emphasis and code come only from the export's own syntax (labels, names, indented footnotes).
      if (el.name === "code") expect((el.parent as Element | null)?.name).toBe("pre");
      if (el.name === "em") expect(DomUtils.textContent(el)).not.toMatch(/^(em|Bold|stars)$/);
      if (el.name === "strong") expect(DomUtils.textContent(el)).toMatch(/^((Comment|Highlight|Claim)( · \w[\w ]*)?|Ben Analyst|Ana Analyst)$/);
    }
    // Footnotes read as their content (what a footnote-aware renderer does): every hostile string comes out as text.
    const footnotesAsBlocks = md.replace(/^\[\^(\d+)\]: /gm, "Note $1: ").replace(/^ {4}/gm, "");
    const textual = DomUtils.textContent(parseDocument(new MarkdownIt({ html: true }).render(footnotesAsBlocks)));
    for (const s of [
      HOSTILE_NOTE,
      `<svg onload=alert(8)> [y](${HOSTILE_HREF}) 24.8`,
      `<iframe src=javascript:alert(7)></iframe> **checked**`,
      `<b onmouseover="alert(5)">raw markup</b>`,
      " and [a link](https://evil.example) inside its prose.",
      "Growth reached 24.8 percent last year, according to [email protected] and @Name",
      "**stars**",
    ]) {
      expect(textual, s).toContain(printable(s));
    }
    // Plain text stays plain in the file itself: no backslashes before ordinary punctuation.
    expect(md).toContain("Growth reached 24.8 percent last year, according to [email protected] and @Name");
    expect(md).not.toMatch(/24\\\.8|\\\[email|\\@Name/);
  });

  it("keeps the title in YAML that parses back exactly and holds no raw <, > or &", async () => {
    const md = await text("md", "", hostileId);
    const front = /^---\n([\s\S]*?)\n---\n/.exec(md)![1]!;
    expect(readYaml(front)).toMatchObject({ title: HOSTILE_TITLE, document: hostileId });
    expect(front).not.toMatch(/[<>&]/);
  });

  it("indents every continuation line of a footnote, a quote spanning two paragraphs included", async () => {
    const md = await text("md", "", hostileId);
    const notesPart = md.slice(md.lastIndexOf("\n---\n") + 5);
    const lines = notesPart.split("\n");
    for (const line of lines) expect(line === "" || /^\[\^\d+\]: /.test(line) || line.startsWith("    "), JSON.stringify(line)).toBe(true);
    const spanNote = notesPart.split(/\n(?=\[\^\d+\]: )/).find((n) => n.includes("24.8 percent last year"))!;
    // The quote's paragraph break is a hard break, and the line after it is inside the footnote.
    expect(spanNote).toMatch(/24\.8 percent[^\n]*\\\n {4}The second paragraph”/);
  });

  it("never lets control characters out raw", async () => {
    const md = await text("md", "", hostileId);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(md).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(md).toContain("\uFFFDctl\uFFFD end");
  });
});

describe("command line", () => {
  it("writes the same export to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scholia-export-"));
    try {
      const out = join(dir, "claims.csv");
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ["--import", "tsx", "server/cli/export.ts", ...args], {
          env: { ...process.env, DATABASE_URL: t.database.url, NODE_ENV: "test", LOG_LEVEL: "silent" },
          encoding: "utf8",
        });
      const r = run(documentId, "--format", "csv", "--out", out, "--as", ana.email);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ format: "csv", documentId });
      expect(csvRows(readFileSync(out)).map((x) => x.annotation_id).sort()).toEqual([notes.claimA!.id, notes.claimE!.id, notes.claimG!.id].sort());
      const everything = run(documentId, "--format", "csv", "--rows", "all", "--out", out, "--as", ana.email);
      expect(everything.status, everything.stderr).toBe(0);
      expect(csvRows(readFileSync(out))).toHaveLength(live().length);
      const bad = spawnSync(process.execPath, ["--import", "tsx", "server/cli/export.ts", documentId, "--format", "pdf", "--out", out], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: "utf8" });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("format");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
