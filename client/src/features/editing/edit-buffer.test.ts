import { describe, expect, it } from "vitest";
import { paragraph } from "../../editor/test-doc.ts";
import { EditBuffer } from "./edit-buffer.ts";
import { mapOffset, rebase, spliceBetween } from "./text-diff.ts";

describe("text differences", () => {
  it("finds the one stretch that differs", () => {
    expect(spliceBetween("the cat sat", "the dog sat")).toEqual({ at: 4, remove: 3, insert: "dog" });
    expect(spliceBetween("same", "same")).toBeNull();
  });

  it("puts another person's change into one's own when they touch different words", () => {
    expect(rebase("one two three", "ONE two three", "one two THREE")).toBe("ONE two THREE");
    expect(rebase("one two three", "one two THREE", "ONE two three")).toBe("ONE two THREE");
  });

  it("refuses when both changed the same words", () => {
    expect(rebase("one two three", "one 2 three", "one deux three")).toBeNull();
  });

  it("maps offsets across a change", () => {
    const s = spliceBetween("abc def", "abc XYZW def")!;
    expect(mapOffset(s, 6, 1)).toBe(11);
    expect(mapOffset(s, 1, 1)).toBe(1);
  });
});

describe("an editor's unsaved typing", () => {
  const p = { ...paragraph("p", 0, "The cat sat."), version: 2 };

  it("is due on the version it was typed on, and clears when typed back", () => {
    const b = new EditBuffer();
    b.typed(p, "The cat sat down.");
    expect(b.due()).toEqual([{ paragraphId: "p", version: 2, text: "The cat sat down." }]);
    b.typed(p, "The cat sat.");
    expect(b.due()).toEqual([]);
    expect(b.busy).toBe(false);
  });

  it("takes in someone else's change to other words of the same paragraph", () => {
    const b = new EditBuffer();
    b.typed(p, "The cat sat down.");
    expect(b.received({ id: "p", version: 3, text: "A cat sat." }, "other")).toBe("A cat sat down.");
    expect(b.due()).toEqual([{ paragraphId: "p", version: 3, text: "A cat sat down." }]);
  });

  it("settles with the answer to its own save, keeping typing done since", () => {
    const b = new EditBuffer();
    b.typed(p, "The cat sat down.");
    const [save] = b.due();
    b.sent(save!, "m1");
    expect(b.due()).toEqual([]);
    b.typed(p, "The black cat sat down.");
    // Someone else's change while the save is out does not disturb the typing.
    expect(b.received({ id: "p", version: 3, text: "The cat sat." }, "other")).toBe("The black cat sat down.");
    expect(b.received({ id: "p", version: 4, text: "The cat sat down!" }, "m1")).toBe("The black cat sat down!");
    expect(b.due()).toEqual([{ paragraphId: "p", version: 4, text: "The black cat sat down!" }]);
  });

  it("is done once the answer equals what is typed", () => {
    const b = new EditBuffer();
    b.typed(p, "The dog sat.");
    b.sent(b.due()[0]!, "m1");
    expect(b.received({ id: "p", version: 3, text: "The dog sat." }, "m1")).toBeNull();
    expect(b.busy).toBe(false);
  });

  it("keeps the typing when a refused save is settled by keeping it, on the current version", () => {
    const b = new EditBuffer();
    b.typed(p, "The dog sat.");
    b.sent(b.due()[0]!, "m1");
    expect(b.refused("m1")).toBe("p");
    b.keepMine({ paragraphId: "p", version: 5, text: "The bird sat." });
    expect(b.due()).toEqual([{ paragraphId: "p", version: 5, text: "The dog sat." }]);
    expect(b.overlay([p])[0]!.text).toBe("The dog sat.");
    b.drop("p");
    expect(b.overlay([p])[0]).toBe(p);
  });
});

describe("a split or merge with unsaved typing", () => {
  it("sends the typing first and names the version the paragraph will have after it", async () => {
    const { structureOps } = await import("./use-text-editing.ts");
    const ops = structureOps([{ paragraphId: "p", version: 2, text: "Typed. Then more." }], { op: "split", paragraphId: "p", offset: 7 }, 2);
    expect(ops).toEqual([
      { op: "text", paragraphId: "p", baseVersion: 2, text: "Typed. Then more." },
      { op: "split", paragraphId: "p", offset: 7, baseVersion: 3 },
    ]);
    expect(structureOps([], { op: "merge", paragraphId: "q" }, 5)).toEqual([{ op: "merge", paragraphId: "q", baseVersion: 5 }]);
    expect(structureOps([{ paragraphId: "q", version: 1, text: "x" }], { op: "kind", paragraphId: "p", kind: "quote" }, 4).at(-1)).toEqual({ op: "kind", paragraphId: "p", kind: "quote", baseVersion: 4 });
  });

  it("sends a move or a removal without a paragraph version, after any unsaved typing", async () => {
    const { structureOps } = await import("./use-text-editing.ts");
    expect(structureOps([{ paragraphId: "p", version: 2, text: "Typed." }], { op: "move", paragraphId: "p", after: "q" }, 2)).toEqual([
      { op: "text", paragraphId: "p", baseVersion: 2, text: "Typed." },
      { op: "move", paragraphId: "p", after: "q" },
    ]);
    expect(structureOps([], { op: "retire", paragraphId: "r" }, 7)).toEqual([{ op: "retire", paragraphId: "r" }]);
  });
});
