import { describe, expect, it } from "vitest";
import { CONTEXT_CHARS, contextOf } from "./anchoring.ts";

/** What a string becomes through UTF-8 (the database, JSON on the wire): a lone surrogate turns into U+FFFD. */
const throughUtf8 = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));

describe("anchor context", () => {
  it("keeps a quote's context whole where its window would cut an emoji in half", () => {
    const text = "Zoë’s 👩‍🔬 in the northern ports. The modest tariff rejected the 🚢 refinery.";
    const start = text.indexOf("modest");
    const { prefix } = contextOf(text, start, text, start + 6);
    // Half a surrogate pair is no text: UTF-8 (the database, JSON) turns it into U+FFFD.
    expect(throughUtf8(prefix)).toBe(prefix);
    expect(text.slice(0, start).endsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(CONTEXT_CHARS - 1);
    // A suffix whose window ends inside the ship.
    const end = text.indexOf("🚢") + 1 - CONTEXT_CHARS;
    const after = contextOf(text, 0, text, end).suffix;
    expect(throughUtf8(after)).toBe(after);
    expect(after).toBe(text.slice(end, text.indexOf("🚢")));
    expect(contextOf("abc", 1, "abc", 2)).toEqual({ prefix: "a", suffix: "c" });
  });
});
