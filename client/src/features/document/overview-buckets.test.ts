import { describe, expect, it } from "vitest";
import { bucketize, mainTone } from "./overview-buckets.ts";

describe("overview bar buckets", () => {
  it("places marks at their relative height and groups near ones", () => {
    const buckets = bucketize(
      [
        { id: "c", at: 0.5, tone: "comment" },
        { id: "a", at: 0, tone: "highlight" },
        { id: "d", at: 0.51, tone: "claim-false" },
        { id: "z", at: 1, tone: "claim-open" },
      ],
      112,
      12,
    );
    expect(buckets).toEqual([
      { top: 0, ids: ["a"], tones: ["highlight"], tone: "highlight" },
      { top: 50, ids: ["c", "d"], tones: ["comment", "claim-false"], tone: "claim-false" },
      { top: 100, ids: ["z"], tones: ["claim-open"], tone: "claim-open" },
    ]);
  });

  it("keeps marks on the bar for out-of-range positions and copes with none", () => {
    expect(bucketize([{ id: "x", at: 1.7, tone: "comment" }], 100, 10)[0]!.top).toBe(90);
    expect(bucketize([{ id: "x", at: -1, tone: "comment" }], 100, 10)[0]!.top).toBe(0);
    expect(bucketize([], 100, 10)).toEqual([]);
  });

  it("draws a bucket in its most pressing tone", () => {
    expect(mainTone(["comment", "claim-supported", "claim-disputed"])).toBe("claim-disputed");
    expect(mainTone(["highlight", "comment"])).toBe("comment");
  });
});
