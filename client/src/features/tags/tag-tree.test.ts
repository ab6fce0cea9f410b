import { describe, expect, it } from "vitest";
import type { TagDto } from "../../../../common/annotations.ts";
import { byPath, depthOf, subtreeOf, tagChanges, targetsFor } from "./tag-tree.ts";

const tag = (id: string, parentId: string | null, path: string, archived = false): TagDto => ({ id, workspaceId: "w", parentId, name: path.split(" > ").pop()!, path, color: "#000000", description: "", archived, version: 1 });
const tags = [tag("topic", null, "Topic"), tag("region", null, "Region"), tag("asean", "region", "Region > ASEAN"), tag("vn", "asean", "Region > ASEAN > Vietnam"), tag("old", null, "Old", true)];

describe("tag tree", () => {
  it("orders by path and knows depths", () => {
    expect(byPath(tags).map((t) => t.id)).toEqual(["old", "region", "asean", "vn", "topic"]);
    expect(tags.map(depthOf)).toEqual([0, 0, 1, 2, 0]);
  });

  it("never offers a tag's own subtree (or archived tags) as its parent or merge target", () => {
    expect([...subtreeOf(tags, "region")].sort()).toEqual(["asean", "region", "vn"]);
    expect(targetsFor(tags, "region").map((t) => t.id)).toEqual(["topic"]);
    expect(targetsFor(tags, "vn").map((t) => t.id)).toEqual(["region", "asean", "topic"]);
    expect(targetsFor(tags, null).map((t) => t.id)).toEqual(["region", "asean", "vn", "topic"]);
  });

  it("sends only the changed fields of an edit", () => {
    const t = tag("asean", "region", "Region > ASEAN");
    expect(tagChanges(t, { name: " ASEAN ", parentId: "region", color: "#000000", description: "" })).toEqual({});
    expect(tagChanges(t, { name: "Southeast Asia", parentId: null, color: "#FF0000", description: "d" })).toEqual({ name: "Southeast Asia", parentId: null, color: "#FF0000", description: "d" });
  });
});
