import { describe, expect, it } from "vitest";
import { joinAccent, noteMark, texCodeReader } from "./pdf-glyphs.ts";

describe("accents drawn as glyphs of their own", () => {
  it("puts an accent drawn before its letter onto it, dotless i included", () => {
    expect(joinAccent("and Luc\u00b4", "\u0131a Ferreira")).toBe("and Lucía Ferreira");
    expect(joinAccent("Gonz\u00b4", "alez")).toBe("González");
    expect(joinAccent("Dvo\u02c7", "r\u00e1k")).toBe("Dvořák");
  });

  it("puts an accent drawn after its letter onto it", () => {
    expect(joinAccent("Mu", "\u00a8ller")).toBe("Müller");
  });

  it("leaves anything else to the caller", () => {
    expect(joinAccent("don", "t")).toBeNull();
    expect(joinAccent("price ", "\u00b4")).toBeNull();
    expect(joinAccent("a\u00b4", "1")).toBeNull();
  });
});

describe("raised note marks", () => {
  it("keeps digits and writes TeX's asterisk operator as an asterisk", () => {
    expect(noteMark("2,\u2217")).toBe("2,*");
    expect(noteMark("1")).toBe("1");
    expect(noteMark("\u2020")).toBe("\u2020");
  });

  it("is not a mark when it holds words", () => {
    expect(noteMark("th")).toBeNull();
    expect(noteMark(" ")).toBeNull();
  });
});

describe("TeX font codes from fonts that name no characters", () => {
  it("reads T1's or OT1's codes, whichever explains more of the text's ligatures, and leaves clean text alone", () => {
    const t1 = texCodeReader(["We \u001cnd it", "e\u001bect and \u001dow", "2020\u00152021 \u0016 so"])!;
    expect(["We \u001cnd it", "2020\u00152021 \u0016 so"].map(t1)).toEqual(["We find it", "2020–2021 — so"]);
    const ot1 = texCodeReader(["We \u000cnd it", "e\u000bect", "\u000dow", "\u001bvre"])!;
    expect(["We \u000cnd it", "e\u000bect", "\u001bvre"].map(ot1)).toEqual(["We find it", "effect", "œvre"]);
    expect(texCodeReader(["Plain text", "with\ttab"])).toBeNull();
  });
});
