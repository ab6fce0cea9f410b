import { describe, expect, it } from "vitest";
import { SeqCache, type CachedRead } from "./seq-cache.ts";

describe("reads cached by seq", () => {
  it("hands a build the list held at an earlier seq, with what that build kept", async () => {
    const cache = new SeqCache();
    const seen: Array<CachedRead | undefined> = [];
    const build = (seq: number) => async (previous: CachedRead | undefined) => {
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
    const cache = new SeqCache(64, 1_000);
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

describe("a read whose seq is not known", () => {
  it("is answered but not kept", async () => {
    const cache = new SeqCache();
    let builds = 0;
    const unsure = async () => {
      builds++;
      return { seq: null, value: { n: builds } };
    };
    const a = await cache.get("d_1", 5, "text:owner", unsure);
    const b = await cache.get("d_1", 5, "text:owner", unsure);
    expect(JSON.parse(a.json.toString())).toEqual({ n: 1 });
    expect(JSON.parse(b.json.toString())).toEqual({ n: 2 });
    expect(cache.size()).toEqual({ documents: 0, bytes: 0 });
    // A sure one is kept as before.
    await cache.get("d_1", 5, "text:owner", async () => ({ seq: 5, value: { n: 0 } }));
    expect((await cache.get("d_1", 5, "text:owner", unsure)).json.toString()).toBe(`{"n":0}`);
  });
});
