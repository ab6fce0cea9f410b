import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { crc32, inflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { XMLValidator } from "fast-xml-parser";
import { docxHalf, docxSplit, joinDocxHalves, packDocxHalves, renderDocx } from "./docx.ts";
import { packSnapshot, type PackedSnapshot } from "./packed-snapshot.ts";
import { crc32Combine, packPart, PartWriter, zip } from "./zip.ts";
import { ANA, BEN, annotation, paragraph, reply, snapshot } from "./test-fixtures.ts";
import type { UnplacedNote } from "./snapshot.ts";

async function parts(bytes: Buffer): Promise<Record<string, string>> {
  const z = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out: Record<string, string> = {};
  for (const name of Object.keys(z.files)) out[name] = await z.file(name)!.async("string");
  return out;
}

const elements = (xml: string) => DomUtils.getElementsByTagName(() => true, parseDocument(xml, { xmlMode: true }).children, true);

/**
 * The text each comment's range encloses in document.xml (paragraphs joined by "\n"), by id, and
 * the order of each id's marks.
 */
function ranges(xml: string): { text: Map<number, string>; marks: Map<number, string[]> } {
  const text = new Map<number, string>();
  const marks = new Map<number, string[]>();
  const open = new Set<number>();
  let firstParagraph = true;
  const visit = (el: Element) => {
    if (el.name === "w:p") {
      if (!firstParagraph) for (const id of open) text.set(id, `${text.get(id)}\n`);
      firstParagraph = false;
    }
    const id = Number(el.attribs["w:id"]);
    if (el.name === "w:commentRangeStart") {
      open.add(id);
      text.set(id, "");
    } else if (el.name === "w:commentRangeEnd") open.delete(id);
    if (el.name.startsWith("w:comment")) marks.set(id, [...(marks.get(id) ?? []), el.name]);
    if (el.name === "w:t") for (const o of open) text.set(o, text.get(o) + DomUtils.textContent(el));
    for (const c of el.children) if (c.type === "tag") visit(c as Element);
  };
  for (const c of parseDocument(xml, { xmlMode: true }).children) if (c.type === "tag") visit(c as Element);
  return { text, marks };
}

describe("zip parts written in blocks", () => {
  it("join into one deflate stream that unzips to the text written, with its CRC", async () => {
    const w = new PartWriter("big.xml");
    let expected = "";
    const add = (s: string) => {
      w.write(s);
      expected += s;
    };
    // Several blocks of small pieces with two- to four-byte characters, and pieces larger than a block.
    for (let i = 0; i < 60_000; i++) add(`<p n="${i}">é “quoted” 🚀 ${i % 7 ? "plain" : "x".repeat(i % 500)}</p>`);
    add("y".repeat(700_000));
    // Text that packs poorly, so a block's output outgrows its first output buffer.
    for (let i = 0; i < 40; i++) add(randomBytes(12_000).toString("base64"));
    add("🚀".repeat(300_000));
    add("end");
    const part = await w.part();
    expect(part.size).toBe(Buffer.byteLength(expected, "utf8"));
    expect(part.size).toBeGreaterThan(4 * (1 << 19));
    expect(inflateRawSync(part.packed).toString("utf8")).toBe(expected);
    const files = await parts(await zip([part, { name: "small.txt", data: "small" }], new Date("2026-03-01T14:05:00Z")));
    expect(files).toEqual({ "big.xml": expected, "small.txt": "small" });
  });

  it("keep each part's bytes their own when writers one after another and side by side reuse blocks", async () => {
    const text = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `<${tag} n="${i}">${tag} “${i}” ${"z".repeat(i % 90)}</${tag}>`);
    for (let round = 0; round < 3; round++) {
      const [a, b] = [new PartWriter("a.xml"), new PartWriter("b.xml")];
      const [as, bs] = [text("a", 40_000 + round), text("b", 30_000)];
      for (let i = 0; i < as.length; i++) {
        a.write(as[i]!);
        if (i < bs.length) b.write(bs[i]!);
      }
      const [pa, pb] = await Promise.all([a.part(), b.part()]);
      expect(inflateRawSync(pa.packed).toString("utf8")).toBe(as.join(""));
      expect(inflateRawSync(pb.packed).toString("utf8")).toBe(bs.join(""));
      expect([pa.crc, pb.crc]).toEqual([crc32(as.join("")), crc32(bs.join(""))]);
    }
  });

  it("combines two CRC-32s into the CRC of the bytes joined, as zlib does", () => {
    const bytes = randomBytes(70_000);
    for (const cut of [0, 1, 7, 4096, 65_537, 70_000]) {
      const [a, b] = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(crc32Combine(crc32(a), crc32(b), b.length), `cut at ${cut}`).toBe(crc32(bytes));
    }
  });

  it("writes an empty part", async () => {
    const part = await new PartWriter("empty.xml").part();
    expect(part.size).toBe(0);
    expect(await parts(await zip([part], new Date()))).toEqual({ "empty.xml": "" });
  });

  it("gives the same archive bytes for a part deflated beforehand (packPart), once or again, as for its data", async () => {
    const at = new Date("2026-03-01T14:05:00Z");
    const data = [{ name: "a.xml", data: "<a>é 🚀</a>".repeat(500) }, { name: "b.txt", data: Buffer.from("bytes") }];
    const plain = await zip(data, at);
    const packed = data.map((p) => packPart(p));
    expect(Buffer.compare(await zip(packed, at), plain)).toBe(0);
    expect(Buffer.compare(await zip([await packed[0]!, data[1]!], at), plain)).toBe(0);
  });
});

describe("word export", () => {
  const hostile = `a < b & "c" > d ]]> <w:t>x</w:t>`;
  const controls = "nul\u0000 bell\u0007 del\u007f c1\u0085 lone\ud800 pair🚀 ffff\uffff";

  it("escapes markup and replaces control characters in text and attributes, every part well-formed", async () => {
    const author = { id: "u_x", displayName: `Eve "&" <Mallory>\u0001` };
    const s = snapshot(
      [paragraph(0, hostile), paragraph(1, controls)],
      [
        annotation(1, [0, 0], [0, 5], "a < b", { text: hostile, author, replies: [reply("r1", controls, { author })], replyCount: 1 }),
        annotation(2, [1, 0], [1, 4], "nul\u0000", { text: controls, kind: "claim", claim: { status: "false", rationale: hostile, sources: [`https://example.org/?a=1&b="2"`], assignee: null, reviewer: ANA, decidedAt: new Date("2026-03-02T10:00:00Z") } }),
      ],
      { document: { id: "d_test", title: hostile, workspaceId: "w", version: 1, currentVersion: 1, seq: 1, article: { authors: [], published: null, doi: null } } },
    );
    const files = await parts(await renderDocx(s));
    for (const [name, xml] of Object.entries(files)) {
      expect(XMLValidator.validate(xml), name).toBe(true);
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    const shown = "nul\uFFFD bell\uFFFD del\uFFFD c1\uFFFD lone\uFFFD pair🚀 ffff\uFFFD";
    const paragraphs = elements(files["word/document.xml"]!).filter((e) => e.name === "w:p").map((p) => DomUtils.getElementsByTagName("w:t", p.children, true).map((t) => DomUtils.textContent(t)).join(""));
    expect(paragraphs.slice(1)).toEqual([hostile, shown]);
    const comments = elements(files["word/comments.xml"]!).filter((e) => e.name === "w:comment");
    // The note's comment, its reply's, then the next note's.
    expect(comments.map((c) => c.attribs["w:author"])).toEqual([`Eve "&" <Mallory>\uFFFD`, `Eve "&" <Mallory>\uFFFD`, "Ana Analyst"]);
    const texts = comments.map((c) => DomUtils.getElementsByTagName("w:t", c.children, true).map((t) => DomUtils.textContent(t)).join("|"));
    expect(texts[0]).toBe(`[1] Comment|${hostile}`);
    expect(texts[1]).toBe(shown);
    expect(texts[2]).toBe(`[2] Claim · False|${shown}|Rationale: |${hostile}|Reviewed by Ana Analyst, 2026-03-02 10:00 UTC|Source: https://example.org/?a=1&b="2"`);
    expect(files["docProps/core.xml"]).toContain("<dc:title>a &lt; b &amp; &quot;c&quot; &gt; d ]]&gt; &lt;w:t&gt;x&lt;/w:t&gt;</dc:title>");
  });

  it("anchors overlapping comments, one spanning paragraphs, and their replies on exactly their words", async () => {
    const s = snapshot(
      [paragraph(0, "Alpha beta gamma."), paragraph(1, "Delta\nepsilon."), paragraph(2, "Zeta.")],
      [
        annotation(1, [0, 6], [0, 16], "beta gamma", { replies: [reply("r1", "one"), reply("r2", "two", { parentId: "r1", depth: 1 })], replyCount: 2 }),
        annotation(2, [0, 11], [1, 5], "gamma.\nDelta", { replies: [reply("r3", "three")], replyCount: 1 }),
        annotation(3, [1, 0], [2, 4], "Delta\nepsilon.\nZeta"),
        annotation(4, [1, 6], [1, 13], "epsilon"),
      ],
    );
    const files = await parts(await renderDocx(s));
    const { text, marks } = ranges(files["word/document.xml"]!);
    const comments = elements(files["word/comments.xml"]!).filter((e) => e.name === "w:comment");
    const ids = comments.map((c) => Number(c.attribs["w:id"]));
    expect(new Set(ids).size).toBe(7);
    const body = (id: number) => DomUtils.textContent(comments.find((c) => Number(c.attribs["w:id"]) === id)!);
    const noteId = (n: number) => ids.find((id) => body(id).startsWith(`[${n}]`))!;
    // A line feed inside a paragraph is a break, not text; paragraph ends are "\n" here.
    expect([1, 2, 3, 4].map((n) => text.get(noteId(n)))).toEqual(["beta gamma", "gamma.\nDelta", "Deltaepsilon.\nZeta", "epsilon"]);
    for (const id of ids) expect(marks.get(id), `comment ${id}`).toEqual(["w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"]);
    // Replies: comments of their own on their note's words, threaded under the note's paragraph id.
    const replyIds = ids.filter((id) => !body(id).startsWith("["));
    expect(replyIds.map((id) => [body(id), text.get(id)])).toEqual([
      ["one", "beta gamma"],
      ["(in reply to Ben Analyst) two", "beta gamma"],
      ["three", "gamma.\nDelta"],
    ]);
    const paraId = (id: number) => DomUtils.getElementsByTagName("w:p", comments.find((c) => Number(c.attribs["w:id"]) === id)!.children, true).at(-1)!.attribs["w14:paraId"];
    const extended = elements(files["word/commentsExtended.xml"]!).filter((e) => e.name === "w15:commentEx");
    const parentOf = new Map(extended.map((e) => [e.attribs["w15:paraId"], e.attribs["w15:paraIdParent"]]));
    expect(replyIds.map((id) => parentOf.get(paraId(id)))).toEqual([paraId(noteId(1)), paraId(noteId(1)), paraId(noteId(2))]);
  });

  it("dates each comment to the second in UTC, across days and before 1970", async () => {
    const times = ["2026-03-01T23:59:59.900Z", "2026-03-02T00:00:00.000Z", "2026-03-02T13:07:05.000Z", "1969-12-31T23:59:59.500Z", "2000-02-29T12:00:01.000Z"].map((t) => new Date(t));
    const s = snapshot([paragraph(0, "Some words here.")], [annotation(1, [0, 0], [0, 4], "Some", { createdAt: times[0]!, replies: times.slice(1).map((t, i) => reply(`r${i}`, `at ${i}`, { createdAt: t })), replyCount: 4 })]);
    const comments = elements((await parts(await renderDocx(s)))["word/comments.xml"]!).filter((e) => e.name === "w:comment");
    expect(comments.map((c) => c.attribs["w:date"])).toEqual(["2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", "2026-03-02T13:07:05Z", "1969-12-31T23:59:59Z", "2000-02-29T12:00:01Z"]);
  });

  it("is the same file when written in two halves from the packed snapshot, split after any note, as on two worker threads", async () => {
    const tracked = { replacement: "new words", state: "open" as const, decidedAt: null, appliedVersion: null, tracked: true };
    const lost: UnplacedNote = { ...annotation(4, [0, 0], [0, 0], "gone", { replies: [reply("r9", "still here", { author: ANA })], replyCount: 1 }), prefix: "a ", suffix: " b" };
    const { start: _s, end: _e, ...unplacedNote } = lost as UnplacedNote & { start?: unknown; end?: unknown };
    const s = snapshot(
      [paragraph(0, "Alpha beta gamma."), paragraph(1, "Delta epsilon."), paragraph(2, "Zeta eta.")],
      [
        annotation(1, [0, 6], [0, 10], "beta", { replies: [reply("r1", "one"), reply("r2", "two", { parentId: "r1", depth: 1, author: ANA })], replyCount: 2 }),
        annotation(2, [0, 11], [1, 5], "gamma.\nDelta", { kind: "suggestion", suggestion: tracked, replies: [reply("r3", "three")], replyCount: 1 }),
        annotation(3, [2, 0], [2, 4], "Zeta", { kind: "suggestion", suggestion: { ...tracked, replacement: "" }, author: BEN }),
      ],
      { unplaced: [unplacedNote as UnplacedNote] },
    );
    for (const each of [s, snapshot([], [])]) {
      const notes = each.annotations.length + each.unplaced.length;
      const whole = await renderDocx(each);
      const expected = await parts(whole);
      for (let split = 0; split <= notes; split++) {
        // Each half gets its own copy of the packed snapshot, and its parts come back copied, as across threads.
        // Sent the whole snapshot, or each only what it reads (packDocxHalves).
        const sent: Array<[PackedSnapshot, PackedSnapshot]> = [[packSnapshot(each), packSnapshot(each)], packDocxHalves(each, split)];
        for (const [forFirst, forSecond] of sent) {
          const first = structuredClone(await docxHalf(structuredClone(forFirst), 0, split, true));
          const second = structuredClone(await docxHalf(structuredClone(forSecond), split, notes, false));
          const joined = await joinDocxHalves(each, first, second);
          // Every part the same text, its CRC checked; at the split renderDocx takes, the same bytes.
          expect(await parts(joined), `split at ${split}`).toEqual(expected);
          if (split === docxSplit(each)) expect(Buffer.compare(joined, whole), `split at ${split}`).toBe(0);
        }
        const [forFirst, forSecond] = packDocxHalves(each, split);
        expect(forSecond.rest.paragraphs).toEqual([]);
        expect(forSecond.skipped.notes).toBe(split);
        expect(forFirst.threadsTo).toBe(split);
        // The first half gets of the second's notes only what the document reads.
        expect(forFirst.bare).toBe(true);
        expect(forSecond.bare).toBe(false);
      }
    }
    expect(docxSplit(s)).toBeGreaterThan(0);
    expect(docxSplit(s)).toBeLessThanOrEqual(4);
    // Revisions are numbered after every comment, the unplaced note's reply included.
    const xml = (await parts(await renderDocx(s)))["word/document.xml"]!;
    expect([...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([9, 10, 11, 12, 13]);
  });
});
