/** An OpenDocument text (.odt, LibreOffice Writer's own format) through the upload route and the JSON import. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { odtFile } from "../helpers/odt-file.ts";
import { buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp();
  workspaceId = await createWorkspace(owner);
});
afterAll(async () => {
  await t?.close();
});

const BODY = "Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight that ministers now place on it.";
const ARTICLE = `<text:p text:style-name="Title">The Hedging Middle</text:p><text:p>By Mara Ellison</text:p><text:h text:outline-level="1">Introduction</text:h><text:p>${BODY}</text:p>`;

function upload(filename: string, content: Buffer) {
  return owner.agent.post(`/api/workspaces/${workspaceId}/documents`).set("x-csrf-token", owner.csrf).attach("file", content, filename);
}

describe("importing an .odt", () => {
  it("stores its paragraphs, title and authors, by upload and as base64 JSON", async () => {
    const bytes = await odtFile({ body: ARTICLE });
    const res = await upload("hedging.odt", bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document.format).toBe("odt");
    const read = await owner.get(`/api/documents/${res.body.document.id}`);
    expect(read.body.document.title).toBe("The Hedging Middle");
    expect(read.body.document.metadata.authors.map((a: { name: string }) => a.name)).toEqual(["Mara Ellison"]);
    expect(read.body.paragraphs.map((p: { kind: string; text: string }) => [p.kind, p.text])).toEqual([
      ["heading", "The Hedging Middle"],
      ["meta", "By Mara Ellison"],
      ["heading", "Introduction"],
      ["paragraph", BODY],
    ]);
    const json = await owner.agent
      .post(`/api/workspaces/${workspaceId}/documents`)
      .set("x-csrf-token", owner.csrf)
      .send({ format: "odt", content: bytes.toString("base64") });
    expect(json.status, JSON.stringify(json.body)).toBe(201);
  });

  it("refuses a spreadsheet named .odt with 415 and a broken package with 400, naming the file, writing nothing", async () => {
    const before = (await owner.get(`/api/workspaces/${workspaceId}/documents`)).body.documents.length;
    const sheet = await upload("figures.odt", await odtFile({ body: ARTICLE, mimetype: "application/vnd.oasis.opendocument.spreadsheet" }));
    expect(sheet.status).toBe(415);
    expect(sheet.body.error).toMatchObject({ code: "unsupported_type", field: "file" });
    const broken = await upload("broken.odt", Buffer.from("not a zip at all"));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: "corrupt_file", field: "file" });
    expect((await owner.get(`/api/workspaces/${workspaceId}/documents`)).body.documents.length).toBe(before);
  });

  it("turns a Writer comment and tracked changes into notes on their passages", async () => {
    const body = [
      `<text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>Bo Ek</dc:creator><dc:date>2026-11-03T09:05:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>`,
      `<text:p text:style-name="Title">The Hedging Middle</text:p>`,
      `<text:p>Ministers place <office:annotation office:name="r1"><dc:creator>Ann Lee</dc:creator><dc:date>2026-11-02T10:00:00</dc:date><text:p>Which ministers?</text:p></office:annotation>great weight<office:annotation-end office:name="r1"/> on it <text:change-start text:change-id="c1"/>today<text:change-end text:change-id="c1"/>. ${BODY}</text:p>`,
    ].join("");
    const res = await upload("reviewed.odt", await odtFile({ body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.review).toMatchObject({ notes: 2, replies: 0, notPlaced: [] });
    const notes = (await owner.get(`/api/documents/${res.body.document.id}/annotations`)).body.annotations as Array<{ anchor: { quote: string }; body: { text?: string } }>;
    expect(notes.map((n) => [n.anchor.quote, n.body.text]).sort()).toEqual([
      ["great weight", "Ann Lee (Writer comment, 2026-11-02): Which ministers?"],
      ["today", "Bo Ek (Writer tracked insertion, 2026-11-03, accepted on import): inserted “today”"],
    ]);
  });

  it("turns a Writer reply into a reply in its comment's thread, and says a resolved comment is resolved", async () => {
    const note = (attrs: string, author: string, text: string) => `<office:annotation ${attrs}><dc:creator>${author}</dc:creator><dc:date>2026-11-02T10:00:00</dc:date><text:p>${text}</text:p></office:annotation>`;
    const body = [
      `<text:p text:style-name="Title">The Hedging Middle</text:p>`,
      `<text:p>Ministers place ${note(`office:name="r1" loext:resolved="true"`, "Ann Lee", "Which ministers?")}${note(`office:name="r2" loext:parent-name="r1" loext:resolved="true"`, "Bo Ek", "Those of the bloc.")}great weight<office:annotation-end office:name="r1"/><office:annotation-end office:name="r2"/> on it. ${BODY}</text:p>`,
    ].join("");
    const res = await upload("thread.odt", await odtFile({ body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.review).toMatchObject({ notes: 1, replies: 1, notPlaced: [] });
    const notes = (await owner.get(`/api/documents/${res.body.document.id}/annotations`)).body.annotations as Array<{ id: string; anchor: { quote: string }; body: { text?: string } }>;
    expect(notes.map((n) => [n.anchor.quote, n.body.text])).toEqual([["great weight", "Ann Lee (Writer comment, 2026-11-02, resolved): Which ministers?"]]);
    const replies = (await owner.get(`/api/annotations/${notes[0]!.id}/replies`)).body.replies as Array<{ body: { text?: string }; parentId: string | null }>;
    expect(replies.map((r) => [r.body.text, r.parentId])).toEqual([["Bo Ek (Writer reply, 2026-11-02): Those of the bloc.", null]]);
  });
});
