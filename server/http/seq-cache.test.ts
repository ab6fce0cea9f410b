import { describe, expect, it } from "vitest";
import { AnnotationListCache, type CachedList } from "./annotation-list-cache.ts";

describe("annotation list cache", () => {
  it("hands a build the list held at an earlier seq, with what that build kept", async () => {
    const cache = new AnnotationListCache();
    const seen: Array<CachedList | undefined> = [];
    const build = (seq: number) => async (previous: CachedList | undefined) => {
      seen.push(previous);
      return { seq, value: { seq }, source: { madeAt: seq }, sourceBytes: 100 };
    };
    const first = await cache.get("d_1", 1, "compact", build(1));
    expect(seen).toEqual([undefined]);
    expect(first.source).toEqual({ madeAt: 1 });
    expect(cache.size().bytes).toBe(first.json.length + 100);

    // Held at this seq: no build.
    expect(await cache.get("d_1", 1, "compact", build(1))).toBe(first);
    expect(seen).toHaveLength(1);

    // A newer seq: built from the held one, which is then let go.
    const second = await cache.get("d_1", 3, "compact", build(3));
    expect(seen[1]).toBe(first);
    expect(second.seq).toBe(3);
    expect(cache.size()).toEqual({ documents: 1, bytes: second.json.length + 100 });

    // Another variant or document is never handed over.
    await cache.get("d_1", 4, "summary", build(4));
    await cache.get("d_2", 4, "compact", build(4));
    expect(seen.slice(2)).toEqual([undefined, undefined]);
  });

  it("counts what builds keep against its bound", async () => {
    const cache = new AnnotationListCache(64, 1_000);
    await cache.get("d_1", 1, "compact", async () => ({ seq: 1, value: {}, source: {}, sourceBytes: 600 }));
    expect(cache.size().documents).toBe(1);
    await cache.get("d_2", 1, "compact", async () => ({ seq: 1, value: {}, source: {}, sourceBytes: 600 }));
    // The two would hold 1,200 bytes and more: the older document goes.
    expect(cache.size().documents).toBe(1);
    const kept = await cache.get("d_2", 1, "compact", async () => {
      throw new Error("held: not built again");
    });
    expect(kept.source).toEqual({});
  });
});
