import { describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { DomUtils, parseDocument } from "htmlparser2";
import MarkdownIt from "markdown-it";
import JSZip from "jszip";
import { csvCell, renderCsv } from "./csv.ts";
import { renderHtml } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderDocx } from "./docx.ts";
import { codePoints, paragraphStarts, renderJsonLd } from "./jsonld.ts";
import { visibleText } from "./visible-text.ts";
import { annotation, paragraph, readYaml, reply, snapshot } from "./test-fixtures.ts";

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe("csv cells", () => {
  it("neutralises formulas, never alters plain numbers, and quotes per RFC 4180", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("=cmd")).toBe("'=cmd");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("-")).toBe("'-");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    for (const n of ["-2", "+1", "-2.5", "-.5", "+1e5", "-3%"]) expect(csvCell(n), n).toBe(n);
    expect(csvCell("-1,234.50")).toBe('"-1,234.50"');
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("plain")).toBe("plain");
  });

  it("neutralises a formula set after spaces, a no-break space or in full-width signs, which some spreadsheets still evaluate", () => {
    expect(csvCell("  =1+1")).toBe("'  =1+1");
    expect(csvCell("\u00a0=HYPERLINK(\"http://x.test\")")).toBe(`"'\u00a0=HYPERLINK(""http://x.test"")"`);
    expect(csvCell("\u3000@cmd")).toBe("'\u3000@cmd");
    expect(csvCell("\n=cmd")).toBe(`"'\n=cmd"`);
    expect(csvCell("＝SUM(A1)")).toBe("'＝SUM(A1)");
    expect(csvCell("＋cmd")).toBe("'＋cmd");
    expect(csvCell(" -2")).toBe(" -2");
    expect(csvCell("an = sign inside")).toBe("an = sign inside");
  });

  it("starts with a byte order mark and holds claims by default, every annotation with rows=all", () => {
    const s = snapshot(
      [paragraph(0, "One two three four.")],
      [
        annotation(1, [0, 0], [0, 3], "One", { kind: "claim", text: "-2", claim: { status: "open", rationale: "", sources: [], assignee: null, reviewer: null, decidedAt: null } }),
        annotation(2, [0, 4], [0, 7], "two", { kind: "comment", text: "=cmd" }),
      ],
    );
    const claims = renderCsv(s, {});
    expect(claims.startsWith("\uFEFFnumber,")).toBe(true);
    const rows = parseCsv(claims, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.kind, r.note])).toEqual([["claim", "-2"]]);
    const all = parseCsv(renderCsv(s, { rows: "all" }), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(all.map((r) => [r.kind, r.note, r.status])).toEqual([
      ["claim", "-2", "open"],
      ["comment", "'=cmd", ""],
    ]);
  });
});

describe("text for people", () => {
  it("replaces control characters with U+FFFD and normalises line ends", () => {
    expect(visibleText("a\u0000b\u001bc\u007fd\u0085e\ud800f")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    expect(visibleText("x\r\ny\rz\tw🚀")).toBe("x\ny\nz\tw🚀");
  });

  it("never lets NUL or other control characters out raw in HTML, Markdown or Word", async () => {
    const s = snapshot(
      [paragraph(0, "Title\u0000here", "heading"), paragraph(1, "Body \u0001with\u007f controls\u0085.")],
      [annotation(1, [1, 0], [1, 4], "Body", { text: "note\u0000 text\u001b[31m", replies: [reply("r1", "reply\u0000")], replyCount: 1 })],
      { document: { id: "d_test", title: "Ti\u0000tle", workspaceId: "w", version: 1, currentVersion: 1, seq: 1, article: { authors: [], published: null, doi: null } } },
    );
    const html = renderHtml(s);
    const md = renderMarkdown(s);
    expect(html).not.toMatch(RAW_CONTROL);
    expect(md).not.toMatch(RAW_CONTROL);
    expect(DomUtils.textContent(parseDocument(html))).toContain("note\uFFFD text\uFFFD[31m");
    expect(md).toContain("Body[^1] \uFFFDwith\uFFFD controls\uFFFD.");
    expect(md).toContain("note\uFFFD text\uFFFD[31m");
    const zip = await JSZip.loadAsync(await renderDocx(s));
    for (const part of ["word/document.xml", "word/comments.xml", "docProps/core.xml"]) expect(await zip.file(part)!.async("string"), part).not.toMatch(RAW_CONTROL);
  });
});

describe("markdown front matter", () => {
  it("parses to the exact title with a YAML parser and renders as text in a Markdown renderer", () => {
    const title = `<img src=x onerror=alert(1)> & *T* [x](https://evil.example)`;
    const s = snapshot([paragraph(0, "Text.")], [], { document: { id: "d_test", title, workspaceId: "w", version: 1, currentVersion: 1, seq: 1, article: { authors: [], published: null, doi: null } } });
    const md = renderMarkdown(s);
    const front = /^---\n([\s\S]*?)\n---\n/.exec(md)![1]!;
    expect(readYaml(front)).toMatchObject({ title, document: "d_test", seq: 1 });
    expect(front).not.toMatch(/[<>&]/);
    const html = new MarkdownIt({ html: true }).render(md);
    const names = DomUtils.getElementsByTagName(() => true, parseDocument(html).children, true).map((e) => e.name);
    expect(names.filter((n) => !["hr", "h2", "p"].includes(n))).toEqual([]);
  });
});

describe("json-ld text model", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePoints("a🚀b")).toBe(3);
    expect(paragraphStarts(["🚀🚀", "x", ""])).toEqual([0, 3, 5]);
  });

  it("takes prefix and suffix across paragraph ends, from the text it embeds", () => {
    const s = snapshot([paragraph(0, "First 🚀."), paragraph(1, "Second one."), paragraph(2, "Third.")], [annotation(1, [1, 0], [1, 6], "Second")]);
    const doc = renderJsonLd(s) as { "scholia:text": { id: string; value: string }; first: { items: Array<{ target: { source: string; selector: Array<Record<string, unknown>> } }> } };
    const target = doc.first.items[0]!.target;
    expect(target.source).toBe("https://scholia.example/d/d_test?version=1");
    expect(doc["scholia:text"]).toEqual({ id: target.source, type: "Text", format: "text/plain", value: "First 🚀.\nSecond one.\nThird." });
    expect(target.selector).toEqual([
      { type: "TextQuoteSelector", exact: "Second", prefix: "First 🚀.\n", suffix: " one.\nThird." },
      { type: "TextPositionSelector", start: 9, end: 15 },
    ]);
  });
});
