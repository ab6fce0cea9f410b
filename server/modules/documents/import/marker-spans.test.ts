import { describe, expect, it } from "vitest";
import { markerChar } from "./docx-markers.ts";
import { alignMarked, locateMarkers } from "./marker-spans.ts";

const [m0, m1, m2, m3] = [0, 1, 2, 3].map(markerChar) as [string, string, string, string];

describe("alignMarked", () => {
  it("reads each marker's offset in the same text whatever the whitespace a marker split", () => {
    expect(alignMarked(`By 2040 ${m0} at least six${m1}  basins`, "By 2040 at least six basins")).toEqual([
      [0, 8],
      [1, 20],
    ]);
    expect(alignMarked(`${m0} Title `, "Title")).toEqual([[0, 0]]);
  });

  it("refuses a text that differs in anything but whitespace", () => {
    expect(alignMarked(`Jane${m0} Doe1`, "Jane Doe")).toBeNull();
    expect(alignMarked(`Jane${m0} Doe`, "Jane Doe, PhD")).toBeNull();
  });
});

describe("locateMarkers", () => {
  const isEnd = (i: number) => i % 2 === 1;

  it("matches marked blocks to the imported ones in order, and settles an empty paragraph's markers between matched neighbours", () => {
    const points = locateMarkers([`Title${m0}`, `${m2}`, `First ${m1}para`, `${m3}`, "Last"], ["Title", "First para", "Last"], 4, isEnd);
    expect(points).toEqual([
      { block: 0, offset: 5 },
      { block: 1, offset: 6 },
      { block: 1, offset: 0 },
      { block: 1, offset: 10 },
    ]);
  });

  it("leaves the markers of a block that matches no imported block unplaced, and those around it", () => {
    const points = locateMarkers([`Jane Doe${m0}1`, `${m1}`, `Body ${m2}text`], ["Jane Doe", "Body text"], 3, isEnd);
    expect(points).toEqual([null, null, { block: 1, offset: 5 }]);
  });

  it("places nothing when the imported text holds characters of the marker range itself", () => {
    expect(locateMarkers([`A${m0}`], [`A${m0}`], 1, isEnd)).toEqual([null]);
  });
});
