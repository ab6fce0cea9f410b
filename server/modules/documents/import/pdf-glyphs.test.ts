import { describe, expect, it } from "vitest";
import { joinAccent, noteMark } from "./pdf-glyphs.ts";

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
