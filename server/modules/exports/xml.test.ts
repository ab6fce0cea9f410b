import { describe, expect, it } from "vitest";
import { isPlainLine, isVisibleLine, markupEscaped, xmlText } from "./xml.ts";

describe("isPlainLine", () => {
  it("holds only for text that xmlText leaves as it is, on one line", () => {
    let plain = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (!isPlainLine(s)) continue;
      plain++;
      expect(xmlText(s)).toBe(s);
      expect(s.includes("\n")).toBe(false);
    }
    // Nearly every character is plain: the check is a shortcut, not a refusal.
    expect(plain).toBeGreaterThan(0xffff - 2_400);
  });

  it("sends markup characters, line ends, controls and surrogates the long way", () => {
    for (const s of ["a & b", "<w:t>", "x > y", 'say "hi"', "one\ntwo", "one\r\ntwo", "nul\u0000", "del\u007f", "c1\u0085", "\ufffe", "\ufdd0", "🚀", "\ud800"]) {
      expect(isPlainLine(s)).toBe(false);
    }
    expect(isPlainLine("Plain words, with 'quotes' · “curly” and é.")).toBe(true);
  });
});

describe("isVisibleLine", () => {
  it("holds only for text whose XML is its markup characters escaped, on one line", () => {
    let visible = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (!isVisibleLine(s)) continue;
      visible++;
      expect(xmlText(s)).toBe(markupEscaped(s));
      expect(s.includes("\n")).toBe(false);
    }
    expect(visible).toBeGreaterThan(0xffff - 2_400);
  });

  it("takes markup characters, and sends line ends, controls and surrogates the long way", () => {
    for (const s of ["a & b", "<w:t>", "x > y", 'say "hi" & <b>']) expect(isVisibleLine(s)).toBe(true);
    for (const s of ["one\ntwo", "one\r\ntwo", "nul\u0000 &", "del\u007f", "c1\u0085", "\ufffe", "\ufdd0", "🚀 <", "\ud800"]) expect(isVisibleLine(s)).toBe(false);
  });
});
