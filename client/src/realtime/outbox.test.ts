import { describe, expect, it } from "vitest";
import { ClientMutationIdSchema } from "../../../common/annotations.ts";
import { Outbox, newClientMutationId, type KeyValueStorage, type OutboxEntry } from "./outbox.ts";

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function entry(id: string, documentId = "d1"): OutboxEntry {
  return {
    id,
    name: "annotation:create",
    documentId,
    createdAt: 1,
    input: { documentId, kind: "comment", body: "hi", anchor: { start: { paragraphId: "p", offset: 0 }, end: { paragraphId: "p", offset: 2 } }, clientMutationId: id },
  };
}

describe("Outbox", () => {
  it("survives a reload: a new instance on the same storage sees the entries, in order", () => {
    const storage = memoryStorage();
    const a = new Outbox(storage, "k");
    a.add(entry("m1aaaaaaaa"));
    a.add(entry("m2aaaaaaaa", "d2"));
    const b = new Outbox(storage, "k");
    expect(b.list().map((e) => e.id)).toEqual(["m1aaaaaaaa", "m2aaaaaaaa"]);
    expect(b.list("d2").map((e) => e.id)).toEqual(["m2aaaaaaaa"]);
  });

  it("adds an entry once and removes it for good", () => {
    const storage = memoryStorage();
    const box = new Outbox(storage, "k");
    box.add(entry("m1aaaaaaaa"));
    box.add(entry("m1aaaaaaaa"));
    expect(box.size).toBe(1);
    box.remove("m1aaaaaaaa");
    expect(new Outbox(storage, "k").size).toBe(0);
  });

  it("keeps what another tab added when it changes the list", () => {
    const storage = memoryStorage();
    const tab1 = new Outbox(storage, "k");
    const tab2 = new Outbox(storage, "k");
    tab1.add(entry("m1aaaaaaaa"));
    tab2.add(entry("m2aaaaaaaa"));
    expect(new Outbox(storage, "k").list().map((e) => e.id)).toEqual(["m1aaaaaaaa", "m2aaaaaaaa"]);
  });

  it("tells subscribers about changes and keeps the list object stable in between", () => {
    const box = new Outbox(memoryStorage(), "k");
    let calls = 0;
    const off = box.subscribe(() => calls++);
    const before = box.list();
    expect(box.list()).toBe(before);
    box.add(entry("m1aaaaaaaa"));
    expect(calls).toBe(1);
    expect(box.list()).not.toBe(before);
    off();
    box.remove("m1aaaaaaaa");
    expect(calls).toBe(1);
  });

  it("ignores corrupt or foreign storage content", () => {
    const storage = memoryStorage();
    storage.setItem("k", "{not json");
    expect(new Outbox(storage, "k").size).toBe(0);
    storage.setItem("k", JSON.stringify([{ nope: true }, entry("m1aaaaaaaa")]));
    expect(new Outbox(storage, "k").list().map((e) => e.id)).toEqual(["m1aaaaaaaa"]);
  });

  it("still works in memory when storage refuses writes", () => {
    const box = new Outbox(
      {
        getItem: () => null,
        setItem: () => {
          throw new Error("QuotaExceededError");
        },
      },
      "k",
    );
    box.add(entry("m1aaaaaaaa"));
    expect(box.size).toBe(1);
  });

  it("mints client mutation ids the server accepts", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClientMutationId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(ClientMutationIdSchema.safeParse(id).success).toBe(true);
  });
});
