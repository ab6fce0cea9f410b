import { describe, expect, it } from "vitest";
import { liveReplies, threadOrder } from "./snapshot.ts";

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));
const r = (id: string, parentId: string | null, deleted = false, minute = 0) => ({ id, parentId, deletedAt: deleted ? at(59) : null, createdAt: at(minute) });

describe("live replies", () => {
  it("drops deleted replies and hangs their live answers from the nearest live reply above", () => {
    const thread = [r("a", null, false, 1), r("b", "a", true, 2), r("c", "b", false, 3), r("d", null, true, 4), r("e", "d", false, 5), r("f", "e", false, 6), r("g", "d", true, 7)];
    const live = liveReplies(thread);
    expect(live.map((x) => [x.id, x.parentId])).toEqual([
      ["a", null],
      ["c", "a"],
      ["e", null],
      ["f", "e"],
    ]);
    expect(threadOrder(live).map((x) => [x.id, x.depth])).toEqual([
      ["a", 0],
      ["c", 1],
      ["e", 0],
      ["f", 1],
    ]);
  });

  it("survives a parent cycle among deleted replies", () => {
    expect(liveReplies([r("x", "y", true), r("y", "x", true), r("z", "x")]).map((x) => [x.id, x.parentId])).toEqual([["z", null]]);
  });
});
