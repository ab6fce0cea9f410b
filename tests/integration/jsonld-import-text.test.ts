/**
 * A JSON-LD annotation import writes its bodies as notes, replies and suggestions'
 * replacements, so they are held to the one text policy: a NUL or an unpaired surrogate in any
 * body is a 400 naming the item's body (PostgreSQL refused a NUL in a replacement with a 500),
 * and nothing of the file is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, buildWorld, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let documentId: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, documentId } = await buildWorld(t, { document: { content: "Title\n\nThe treaty limits deployments near the border.\n\nA second paragraph.", format: "txt" } }));
});
afterAll(async () => {
  await t?.close();
});

const target = { source: "urn:elsewhere", selector: { type: "TextQuoteSelector", exact: "treaty limits" } };
const note = (value: string) => ({ id: "urn:n:1", type: "Annotation", motivation: "commenting", body: [{ type: "TextualBody", value, purpose: "commenting" }], target });
const suggestion = (replacement: string) => ({
  id: "urn:n:1",
  type: "Annotation",
  motivation: "editing",
  body: [
    { type: "TextualBody", value: "tighter", purpose: "commenting" },
    { type: "TextualBody", value: replacement, purpose: "editing" },
  ],
  target,
});
const reply = (value: string) => ({ id: "urn:r:1", type: "Annotation", motivation: "replying", body: { type: "TextualBody", value }, target: "urn:n:1" });
const collection = (items: object[]) => ({ type: "AnnotationCollection", first: { type: "AnnotationPage", items } });
const annotationCount = async () => ((await owner.get(`/api/documents/${documentId}/annotations`)).body.annotations as unknown[]).length;

describe("JSON-LD import bodies", () => {
  const cases: Array<[string, object[], string]> = [
    ["a NUL in a suggestion's replacement", [suggestion("treaty\u0000caps")], "first.items.0.body.1.value"],
    ["an unpaired surrogate in a suggestion's replacement", [suggestion("treaty \ud800 caps")], "first.items.0.body.1.value"],
    ["a NUL in a note", [note("a\u0000note")], "first.items.0.body.0.value"],
    ["an unpaired surrogate in a note", [note("half \udc00 a pair")], "first.items.0.body.0.value"],
    ["a NUL in a reply", [note("fine"), reply("a\u0000reply")], "first.items.1.body.value"],
  ];
  for (const [what, items, field] of cases) {
    it(`refuses ${what} with 400 naming the field, writing nothing`, async () => {
      const before = await annotationCount();
      const res = await owner.post(`/api/documents/${documentId}/annotations/import`, collection(items));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toMatch(/NUL or unpaired surrogate/);
      expect(await annotationCount()).toBe(before);
    });
  }

  it("still imports a suggestion, a note and a reply in any script", async () => {
    const res = await owner.post(`/api/documents/${documentId}/annotations/import`, collection([suggestion("traité 条约 😀"), { ...note("محمد"), id: "urn:n:2" }, reply("Zoë")]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.placed).toHaveLength(2);
    expect(res.body.replies.created).toBe(1);
  });
});
