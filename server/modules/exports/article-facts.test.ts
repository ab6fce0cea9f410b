import { describe, expect, it } from "vitest";
import { articleFacts, isoDateOf } from "./article-facts.ts";

describe("article facts", () => {
  it("reads dates as written into ISO 8601 at the precision given, and never invents one", () => {
    const cases: Array<[string, string | null]> = [
      ["3 March 2024", "2024-03-03"],
      ["March 3, 2024", "2024-03-03"],
      ["Sept. 5, 2021", "2021-09-05"],
      ["2024-03-03", "2024-03-03"],
      ["03.03.2024", "2024-03-03"],
      ["March 2024", "2024-03"],
      ["Vol. 12, No. 3 · March 2026", "2026-03"],
      ["Vol. 22, No. 4, October–December 2024", "2024"],
      ["31 February 2024", null],
      ["2023/2024", null],
      ["Vol. 7, No. 2", null],
      ["", null],
    ];
    for (const [written, iso] of cases) expect(isoDateOf(written), written).toBe(iso);
  });

  it("reads dates as Japanese, Korean and Arabic articles write them, in any script's digits", () => {
    const cases: Array<[string, string | null]> = [
      ["2026年6月10日", "2026-06-10"],
      ["２０２６年６月１０日", "2026-06-10"],
      ["2026年6月", "2026-06"],
      ["2026년 6월 10일", "2026-06-10"],
      ["2026/06/01", "2026-06-01"],
      ["٢٠٢٦/٠٦/٠١", "2026-06-01"],
      ["١٥ مارس ٢٠٢٦", "2026-03-15"],
      ["15 آذار 2026", "2026-03-15"],
      ["1 تشرين الثاني 2025", "2025-11-01"],
      ["2026年2月30日", null],
      ["2026/13/01", null],
    ];
    for (const [written, iso] of cases) expect(isoDateOf(written), written).toBe(iso);
  });

  it("takes the published date first, then the dateline's, and reads any metadata shape", () => {
    const meta = (m: unknown) => articleFacts(JSON.stringify(m));
    expect(meta({ authors: [{ name: "Jane Doe" }, { name: " " }, "John Roe", 3], dateline: "Vol. 1, 2019", dates: { published: "3 March 2024" }, doi: "https://doi.org/10.1234/ab.5" })).toEqual({
      authors: ["Jane Doe", "John Roe"],
      published: "2024-03-03",
      doi: "10.1234/ab.5",
    });
    expect(meta({ authors: [], dateline: "Vol. 22, No. 4, October–December 2024" }).published).toBe("2024");
    expect(meta({ authors: "Jane", dates: "soon", doi: "not a doi" })).toEqual({ authors: [], published: null, doi: null });
    expect(articleFacts("not json")).toEqual({ authors: [], published: null, doi: null });
    expect(articleFacts(null)).toEqual({ authors: [], published: null, doi: null });
  });
});
