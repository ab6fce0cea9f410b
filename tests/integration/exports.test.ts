import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { marked } from "marked";
import { buildTestApp, type TestApp } from "../helpers/test-app.ts";
import { addMember, createWorkspace, signUp, type TestUser } from "../helpers/users.ts";
import type { AnnotationDto } from "../../common/annotations.ts";

let t: TestApp;
let owner: TestUser, editor: TestUser, ana: TestUser, ben: TestUser, viewer: TestUser, stranger: TestUser;
let workspaceId: string;
let documentId: string;
let paragraphs: Array<{ id: string; text: string; kind: string }>;
const notes: Record<string, AnnotationDto> = {};
const tags: Record<string, string> = {};

const HOSTILE_BODY = `<script>alert("x")</script> [click](javascript:alert(1)) =HYPERLINK("http://evil.example")`;
const HOSTILE_RATIONALE = `<img src=x onerror=alert(3)> misleading scale`;
const HOSTILE_REPLY = `<b onmouseover="alert(4)">bold</b> -2+3`;

export const ARTICLE_MD = [
  "# Deterrence After the Treaty",
  "",
  "## Background",
  "",
  "The treaty’s collapse in 2019 did not end arms control; it moved it elsewhere.",
  "",
  "Analysts expect three new regional agreements by 2030, though none will be verifiable.",
  "",
  "- First, confidence-building measures at sea.",
  "- Second, notification regimes for missile tests.",
  "",
  "> Rockets 🚀 rose sharply after 2019, said the minister.",
  "",
  "1. Ordered one",
  "2. Ordered two",
].join("\n");

function anchorOn(text: string, endText?: string) {
  const p = paragraphs.find((x) => x.text.includes(text))!;
  const s = p.text.indexOf(text);
  if (!endText) return { start: { paragraphId: p.id, offset: s }, end: { paragraphId: p.id, offset: s + text.length } };
  const q = paragraphs.find((x) => x.text.includes(endText))!;
  return { start: { paragraphId: p.id, offset: s }, end: { paragraphId: q.id, offset: q.text.indexOf(endText) + endText.length } };
}

async function annotate(key: string, by: TestUser, body: object) {
  const res = await by.post(`/api/documents/${documentId}/annotations`, body);
  expect(res.status).toBe(201);
  notes[key] = res.body.annotation;
}

async function exported(format: string, extra = "", user: TestUser = ana) {
  const res = await user.get(`/api/documents/${documentId}/export?format=${format}${extra}`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(c));
    r.on("end", () => cb(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  return { body: res.body as Buffer, headers: res.headers as Record<string, string> };
}
const text = async (format: string, extra = "") => (await exported(format, extra)).body.toString("utf8");
const json = async <T = Record<string, unknown>>(format: string, extra = "") => JSON.parse(await text(format, extra)) as T;

/** The plain text the JSON-LD positions are defined over. */
const plainText = () => paragraphs.map((p) => p.text).join("\n");
const live = () => Object.values(notes);

beforeAll(async () => {
  t = await buildTestApp();
  [owner, editor, ana, ben, viewer, stranger] = (await Promise.all(
    ["Owner", "Edith Editor", "Ana Analyst", "Ben Analyst", "Vic Viewer", "Stranger"].map((displayName) => signUp(t.app, { displayName })),
  )) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  workspaceId = await createWorkspace(owner);
  await addMember(owner, workspaceId, editor, "editor");
  await addMember(owner, workspaceId, ana, "analyst");
  await addMember(owner, workspaceId, ben, "analyst");
  await addMember(owner, workspaceId, viewer, "viewer");
  documentId = (await owner.post(`/api/workspaces/${workspaceId}/documents`, { format: "md", content: ARTICLE_MD })).body.document.id;
  paragraphs = (await owner.get(`/api/documents/${documentId}`)).body.paragraphs;
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
    const { headers } = await exported("csv");
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="deterrence-after-the-treaty-d_[0-9a-z]+-seq\d+\.csv"/);
    expect(headers["x-scholia-document"]).toBe(documentId);
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
  });

  it("is standalone and inert: no script, no handlers, no javascript: links, a restrictive CSP", async () => {
    const html = await text("html");
    const dom = parseDocument(html);
    expect(DomUtils.getElementsByTagName("script", dom)).toEqual([]);
    const all = DomUtils.getElementsByTagName(() => true, dom, true) as Element[];
    for (const el of all) {
      for (const [name, value] of Object.entries(el.attribs)) {
        expect(name.startsWith("on"), `${el.name} ${name}`).toBe(false);
        if (name === "href" || name === "src") expect(value).toMatch(/^(#|https?:\/\/)/);
      }
    }
    expect(DomUtils.getElementsByTagName("img", dom)).toEqual([]);
    const csp = all.find((el) => el.name === "meta" && el.attribs["http-equiv"] === "Content-Security-Policy")!;
    expect(csp.attribs.content).toMatch(/default-src 'none'/);
    expect(csp.attribs.content).not.toMatch(/unsafe/);
    // The hostile text survives as text.
    expect(DomUtils.textContent(dom)).toContain(HOSTILE_BODY);
    expect(DomUtils.textContent(dom)).toContain(HOSTILE_RATIONALE);
    expect(DomUtils.textContent(dom)).toContain(`bold</b> -2+3`);
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

describe("docx", () => {
  it("has a native comment per annotation whose range encloses exactly the quote, replies in the comment", async () => {
    const zip = await JSZip.loadAsync((await exported("docx")).body);
    const documentXml = await zip.file("word/document.xml")!.async("string");
    const commentsXml = await zip.file("word/comments.xml")!.async("string");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("comments+xml");
    const ranges = commentRanges(documentXml);
    const comments = parseDocument(commentsXml, { xmlMode: true });
    const byId = new Map(
      DomUtils.getElementsByTagName("w:comment", comments).map((c) => [Number(c.attribs["w:id"]), DomUtils.getElementsByTagName("w:t", c).map((x) => DomUtils.textContent(x)).join("")]),
    );
    expect(ranges.size).toBe(live().length);
    for (const a of live()) {
      const id = [...byId.entries()].find(([, body]) => body.startsWith(`[`) && ranges.get(Number(body.slice(1, body.indexOf("]")))) === a.anchor.quote && body.includes(a.kind === "highlight" ? "Highlight" : a.kind === "claim" ? "Claim" : "Comment"));
      expect(id, a.anchor.quote).toBeTruthy();
    }
    const claimA = [...byId.values()].find((b) => b.includes(HOSTILE_BODY))!;
    expect(claimA).toContain("False");
    expect(claimA).toContain("Fair point");
    expect(claimA).toContain(HOSTILE_REPLY);
    // Escaped as XML text, never markup.
    expect(commentsXml).not.toContain("<script");
    expect(commentsXml).toContain("&lt;script&gt;");
    expect(documentXml).toContain("Exported from");
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain(documentId);
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
  it("is a Web Annotation collection whose selectors match the document's text", async () => {
    const doc = await json<{ "@context": unknown[]; type: string; total: number; first: { type: string; items: WebAnnotation[] }; last: string; generated: string; "scholia:document": { id: string; seq: number }; "scholia:textModel": string }>("jsonld");
    expect(doc["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(doc.type).toBe("AnnotationCollection");
    expect(doc["scholia:document"].id).toBe(documentId);
    expect(doc["scholia:textModel"]).toMatch(/code points.*joined with a single line feed/);
    expect(doc.first.type).toBe("AnnotationPage");
    const items = doc.first.items;
    expect(doc.total).toBe(items.length);
    const plain = Array.from(plainText());
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
      expect(target.source).toMatch(new RegExp(`/api/documents/${documentId}$`));
      const quote = target.selector.find((s) => s.type === "TextQuoteSelector")!;
      const pos = target.selector.find((s) => s.type === "TextPositionSelector")!;
      expect(quote.exact).toBe(a.anchor.quote);
      expect(plain.slice(pos.start!, pos.end!).join("")).toBe(a.anchor.quote);
      expect(plain.slice(pos.start! - Array.from(quote.prefix!).length, pos.start!).join("")).toBe(quote.prefix);
      expect(plain.slice(pos.end!, pos.end! + Array.from(quote.suffix!).length).join("")).toBe(quote.suffix);
    }
    const byKey = (k: string) => annotations.find((i) => i.id.endsWith(notes[k]!.id))!;
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
    expect(replies).toHaveLength(3);
    const ids = new Set(items.map((i) => i.id));
    for (const r of replies) expect(ids.has(r.target as string)).toBe(true);
    expect(replies.filter((r) => r.target === byKey("claimA").id)).toHaveLength(2);
  });

  it("pages on request, and each page points back to its collection", async () => {
    const col = await json<{ total: number; first: { items: unknown[]; next: string }; last: string }>("jsonld", "&pageSize=4");
    expect(col.first.items).toHaveLength(4);
    expect(col.first.next).toContain("page=1");
    const last = await json<{ type: string; items: unknown[]; prev: string; partOf: { id: string; total: number }; startIndex: number }>("jsonld", "&pageSize=4&page=2");
    expect(last.type).toBe("AnnotationPage");
    expect(last.startIndex).toBe(8);
    expect(last.items).toHaveLength(col.total - 8);
    expect(last.partOf.total).toBe(col.total);
    expect((await ana.get(`/api/documents/${documentId}/export?format=jsonld&pageSize=4&page=3`)).body.error.field).toBe("page");
  });

  it("honours filters: kinds, tags with descendants, statuses, replies", async () => {
    const items = async (q: string) => (await json<{ first: { items: WebAnnotation[] } }>("jsonld", q)).first.items;
    const claims = await items("&kinds=claim&replies=false");
    expect(claims.map((i) => i.id).sort()).toEqual([notes.claimA!.id, notes.claimE!.id, notes.claimG!.id].map((id) => `urn:scholia:annotation:${id}`).sort());
    const region = await items(`&tags=${tags.region}`);
    expect(region.filter((i) => i.motivation !== "replying").map((i) => i.id)).toEqual([`urn:scholia:annotation:${notes.claimA!.id}`]);
    expect(region.filter((i) => i.motivation === "replying")).toHaveLength(3);
    const decided = await items("&statuses=false,misleading");
    expect(decided.filter((i) => i.motivation !== "replying")).toHaveLength(2);
  });
});

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && s[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("csv", () => {
  it("has one row per claim that reads back to the claims, with formulas neutralised", async () => {
    const raw = await text("csv");
    expect(raw.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(raw);
    const col = (name: string) => header!.indexOf(name);
    const claims = live().filter((a) => a.kind === "claim");
    expect(rows).toHaveLength(claims.length);
    for (const a of claims) {
      const row = rows.find((r) => r[col("annotation_id")] === a.id)!;
      expect(row[col("quote")]).toBe(a.anchor.quote);
      expect(row[col("document_id")]).toBe(documentId);
      expect(row).toHaveLength(header!.length);
    }
    const rowA = rows.find((r) => r[col("annotation_id")] === notes.claimA!.id)!;
    expect(rowA[col("status")]).toBe("false");
    expect(rowA[col("rationale")]).toBe("'@SUM(1) Talks continued.");
    expect(rowA[col("note")]).toBe(HOSTILE_BODY);
    expect(rowA[col("tags")]).toBe("Region > Baltic");
    expect([rowA[col("supports")], rowA[col("disputes")], rowA[col("replies")]]).toEqual(["1", "1", "3"]);
    expect(rowA[col("sources")]).toBe("https://example.org/report?a=1&b=2");
    const rowE = rows.find((r) => r[col("annotation_id")] === notes.claimE!.id)!;
    expect(rowE[col("note")]).toBe("'=1+1");
    const rowG = rows.find((r) => r[col("annotation_id")] === notes.claimG!.id)!;
    expect(rowG[col("note")]).toBe("'@cmd|' /C calc'!A0");
    expect(rowG[col("assignee")]).toBe("Ben Analyst");
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("claimreview", () => {
  it("describes each claim with a verdict as a schema.org ClaimReview", async () => {
    const feed = await json<{ "@context": string; isBasedOn: { identifier: string }; dateCreated: string; dataFeedElement: Array<Record<string, unknown> & { reviewRating: Record<string, unknown>; itemReviewed: Record<string, unknown> }> }>("claimreview");
    expect(feed["@context"]).toBe("https://schema.org");
    expect(feed.isBasedOn.identifier).toBe(documentId);
    const reviews = feed.dataFeedElement;
    expect(reviews.map((r) => r.identifier).sort()).toEqual([notes.claimA!.id, notes.claimE!.id].sort());
    const a = reviews.find((r) => r.identifier === notes.claimA!.id)!;
    expect(a).toMatchObject({ "@type": "ClaimReview", claimReviewed: notes.claimA!.anchor.quote, reviewBody: "@SUM(1) Talks continued.", author: { name: "Edith Editor" } });
    expect(a.reviewRating).toMatchObject({ "@type": "Rating", alternateName: "False", ratingValue: 1, bestRating: 5, worstRating: 1 });
    expect(a.itemReviewed).toMatchObject({ "@type": "Claim", author: { name: "Ana Analyst" } });
  });
});

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
});

describe("command line", () => {
  it("writes the same export to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scholia-export-"));
    try {
      const out = join(dir, "claims.csv");
      const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli/export.ts", documentId, "--format", "csv", "--out", out, "--as", ana.email], {
        env: { ...process.env, DATABASE_URL: t.database.url, NODE_ENV: "test", LOG_LEVEL: "silent" },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ format: "csv", documentId });
      const rows = parseCsv(readFileSync(out, "utf8"));
      expect(rows.slice(1).map((x) => x[1]).sort()).toEqual([notes.claimA!.id, notes.claimE!.id, notes.claimG!.id].sort());
      const bad = spawnSync(process.execPath, ["--import", "tsx", "server/cli/export.ts", documentId, "--format", "pdf", "--out", out], { env: { ...process.env, DATABASE_URL: t.database.url }, encoding: "utf8" });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("format");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
