import { describe, expect, it } from "vitest";
import { EMPTY_SEARCH, parseSearch, rangeWords, resultLink, searchApiPath, searchToUrl, snippetParts } from "./search-query.ts";

describe("search view in the URL", () => {
  it("round-trips every filter", () => {
    const view = { q: "deterrence works", document: "d1", kind: "annotation" as const, tag: "t1", author: "u1", status: "disputed" as const, offset: 20 };
    expect(parseSearch(searchToUrl(view))).toEqual(view);
  });

  it("falls back to any for values it does not know", () => {
    expect(parseSearch("?kind=poem&status=maybe&document=<x>&offset=-3")).toEqual(EMPTY_SEARCH);
    expect(parseSearch("?offset=2.5").offset).toBe(0);
    expect(parseSearch("?offset=999999").offset).toBe(10_000);
    expect(searchToUrl(EMPTY_SEARCH)).toBe("");
  });

  it("asks the API only when there are words to search for", () => {
    expect(searchApiPath("w1", { ...EMPTY_SEARCH, q: "   " })).toBeNull();
    const path = searchApiPath("w1", { ...EMPTY_SEARCH, q: " nuclear ", document: "d1", status: "open" });
    const url = new URL(path!, "http://x");
    expect(url.pathname).toBe("/workspaces/w1/search");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "nuclear", document: "d1", status: "open", limit: "20" });
  });
});

describe("snippetParts", () => {
  const text = (parts: Array<{ text: string; mark: boolean }>) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join("");

  it("marks the highlighted ranges and keeps every character once", () => {
    expect(text(snippetParts("the nuclear deterrence debate", [[4, 11], [12, 22]]))).toBe("the [nuclear] [deterrence] debate");
    expect(text(snippetParts("abc", []))).toBe("abc");
  });

  it("merges overlapping ranges, sorts them, clamps and drops empty ones", () => {
    expect(text(snippetParts("abcdefgh", [[5, 7], [1, 3], [2, 4], [6, 6], [7, 50]]))).toBe("a[bcd]e[fgh]");
    expect(text(snippetParts("abc", [[-2, 1]]))).toBe("[a]bc");
  });

  it("cuts by UTF-16 units, as the server counts", () => {
    expect(text(snippetParts("😀 bomb", [[3, 7]]))).toBe("😀 [bomb]");
  });

  it("treats markup in the snippet as text", () => {
    const parts = snippetParts("<img src=x onerror=alert(1)> bomb", [[29, 33]]);
    expect(parts[0]).toEqual({ text: "<img src=x onerror=alert(1)> ", mark: false });
  });
});

describe("resultLink", () => {
  it("opens a note or reply at its annotation, a passage's document, a tag's claims", () => {
    expect(resultLink("w1", { kind: "annotation", documentId: "d1", annotationId: "a1", tagId: null })).toEqual({ to: "/d/d1?a=a1", label: "Open the note" });
    expect(resultLink("w1", { kind: "reply", documentId: "d1", annotationId: "a1", tagId: null })?.label).toBe("Open the thread");
    expect(resultLink("w1", { kind: "paragraph", documentId: "d1", annotationId: null, tagId: null })).toEqual({ to: "/d/d1", label: "Open the document" });
    expect(resultLink("w1", { kind: "tag", documentId: null, annotationId: null, tagId: "t1" })).toEqual({ to: "/w/w1/claims?tag=t1", label: "Claims with this tag" });
  });
});

describe("rangeWords", () => {
  it("says how many and which", () => {
    expect(rangeWords(0, 0, 0)).toBe("No results");
    expect(rangeWords(0, 1, 1)).toBe("1 result");
    expect(rangeWords(0, 7, 7)).toBe("7 results");
    expect(rangeWords(20, 20, 123)).toBe("Results 21–40 of 123");
  });
});
