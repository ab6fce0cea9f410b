import { describe, expect, it } from "vitest";
import { describeEdit } from "./history-words.ts";

const names: Record<string, string> = { t1: "Region", t2: "Forecast" };
const tagName = (id: string) => names[id] ?? "a removed tag";

describe("annotation history in words", () => {
  it("says what an edit changed, before and after", () => {
    expect(
      describeEdit(
        { note: { from: "Too   optimistic.", to: "Far too optimistic." }, kind: { from: "comment", to: "claim" }, tagIds: { from: ["t1"], to: ["t2", "gone"] } },
        tagName,
      ),
    ).toEqual(["kind: Comment → Claim", "note: “Too optimistic.” → “Far too optimistic.”", "tags added: Forecast, a removed tag", "tags removed: Region"]);
  });

  it("names an emptied note and ignores shapes it does not know", () => {
    expect(describeEdit({ note: { from: "Gone soon", to: "" } }, tagName)).toEqual(["note: “Gone soon” → (empty)"]);
    expect(describeEdit({ kind: { from: 3, to: null }, other: { from: 1, to: 2 } }, tagName)).toEqual([]);
    expect(describeEdit({}, tagName)).toEqual([]);
  });

  it("shortens a long note", () => {
    const [line] = describeEdit({ note: { from: "", to: "x".repeat(200) } }, tagName);
    expect(line!.length).toBeLessThan(110);
    expect(line).toContain("…");
  });
});
