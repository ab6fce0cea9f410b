import { describe, expect, it } from "vitest";
import { compactBody } from "../../../common/compact-list.ts";
import type { Body } from "../../../common/bodies.ts";
import { storedBody } from "./annotation-compact-list.ts";

describe("a stored body as a compact row carries it", () => {
  it("is what the whole JSON gives, for plain notes and for anything that only looks like one", () => {
    const stored = [
      JSON.stringify({ format: "text", text: "plain" }),
      JSON.stringify({ format: "text", text: 'quotes " and \\ and \t tab, é, \u2028' }),
      JSON.stringify({ format: "text", text: "" }),
      JSON.stringify({ format: "text", text: 'ends with "}' }),
      '{"format":"text","text":"a","extra":"b"}',
      '{"format":"text","text":"a","text":"b"}',
      '{"text":"swapped","format":"text"}',
      '{"format":"text","text":["not","a","string"]}',
      JSON.stringify({ format: "rich", doc: { type: "doc", content: [] }, text: "hi", mentions: [] }),
    ];
    for (const json of stored) expect(storedBody(json), json).toEqual(compactBody(JSON.parse(json) as Body));
    expect(storedBody(stored[0]!)).toBe("plain");
    expect(storedBody(stored[4]!)).toEqual({ format: "text", text: "a", extra: "b" });
  });
});
