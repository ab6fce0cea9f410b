import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, anchorOn, buildTestApp, createWorkspace, importDocument, type AppClient, type TestApp } from "../helpers/kit.ts";
import { buildWordDocx, deleted, inserted, para, rangeClose, rangeStart, run, type CommentSource } from "../helpers/word-docx.ts";
import type { AnnotationDto, ReplyDto } from "../../common/annotations.ts";

let t: TestApp;
let owner: AppClient;
let editor: AppClient;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp({ displayName: "Owner" });
  editor = await t.signUp({ displayName: "Edith Editor" });
  workspaceId = await createWorkspace(owner);
  await addMember(owner, workspaceId, editor, "editor");
});
afterAll(async () => {
  await t?.close();
});

function upload(user: AppClient, filename: string, content: Buffer) {
  return user.agent.post(`/api/workspaces/${workspaceId}/documents`).set("x-csrf-token", user.csrf).attach("file", content, filename);
}

async function notesOf(user: AppClient, documentId: string): Promise<AnnotationDto[]> {
  const res = await user.get(`/api/documents/${documentId}/annotations`);
  expect(res.status).toBe(200);
  return res.body.annotations as AnnotationDto[];
}

const textOf = (body: AnnotationDto["body"] | ReplyDto["body"]) => (body ? body.text : null);

const COMMENTS: CommentSource[] = [
  { id: 1, author: "Jane Doe", initials: "JD", date: "2024-03-02T10:00:00Z", text: ["Which six?"] },
  { id: 2, author: "Ann Lee", date: "2024-03-03T09:00:00Z", text: ["Needs a source for both claims."] },
  { id: 3, author: "Ann Lee", text: ["Fix the running head."] },
  { id: 4, author: "Bo Ek", date: "2024-03-04T12:00:00Z", text: ["The atlas has them."], replyTo: 1 },
];
const BODY = [
  para([run("Rivers as Borders")], "Title"),
  para([run("By 2040, "), rangeStart(1), run("at least six"), rangeClose(1), run(" shared basins will face low flows.")]),
  para([run("Treaties "), rangeStart(2), run("that index allocations")]),
  para([run("to measured flow"), rangeClose(2), run(" have survived "), inserted(10, "Bo Ek", "2024-03-05T08:00:00Z", "most "), deleted(11, "Bo Ek", "2024-03-05T08:01:00Z", "all "), run("droughts.")]),
].join("");

describe("importing a reviewed Word file", () => {
  it("turns its comments into notes on their passages, its replies into thread replies, its tracked changes into notes", async () => {
    const file = await buildWordDocx({ body: BODY, comments: COMMENTS, header: para([rangeStart(3), run("Running head"), rangeClose(3)]) });
    const res = await upload(editor, "reviewed.docx", file);
    expect(res.status).toBe(201);
    const id = res.body.document.id as string;
    expect(res.body.review).toEqual({
      notes: 5,
      replies: 1,
      notPlaced: [{ id: "comment:3", reason: "its passage is not in the main text (a header, footer or note the import leaves out)" }],
      failed: [],
      commentsLeftOut: 0,
      changesLeftOut: 0,
    });
    const { paragraphs } = (await editor.get(`/api/documents/${id}`)).body as { paragraphs: Array<{ id: string; text: string }> };
    expect(paragraphs.map((p) => p.text)).toEqual(["Rivers as Borders", "By 2040, at least six shared basins will face low flows.", "Treaties that index allocations", "to measured flow have survived most droughts."]);

    const notes = await notesOf(editor, id);
    const view = notes.map((n) => ({ kind: n.kind, author: n.author.displayName, quote: n.anchor.quote, start: n.anchor.start, end: n.anchor.end, text: textOf(n.body) }));
    const at = (text: string, end?: string) => anchorOn(paragraphs, text, end);
    expect(view).toEqual(
      expect.arrayContaining([
        { kind: "comment", author: "Edith Editor", quote: "at least six", ...at("at least six"), text: "Jane Doe (Word comment, 2024-03-02): Which six?" },
        { kind: "comment", author: "Edith Editor", quote: "that index allocations\nto measured flow", ...at("that index allocations", "to measured flow"), text: "Ann Lee (Word comment, 2024-03-03): Needs a source for both claims." },
        {
          kind: "comment",
          author: "Edith Editor",
          quote: "Rivers as Borders",
          ...at("Rivers as Borders"),
          text: "Ann Lee (Word comment): Fix the running head.\n[Not placed on its passage: its passage is not in the main text (a header, footer or note the import leaves out).]",
        },
        { kind: "comment", author: "Edith Editor", quote: "most", ...at("most"), text: "Bo Ek (Word tracked insertion, 2024-03-05, accepted on import): inserted “most ”" },
        { kind: "comment", author: "Edith Editor", quote: "most", ...at("most"), text: "Bo Ek (Word tracked deletion, 2024-03-05, accepted on import): deleted “all ” beside this word" },
      ]),
    );
    expect(view).toHaveLength(5);

    // One transaction, one log: the document, its notes and replies, then the import's summary.
    const events = (await editor.get(`/api/documents/${id}/events`)).body.events as Array<{ type: string; payload: unknown }>;
    expect(events.map((e) => e.type)).toEqual(["document.imported", ...Array<string>(5).fill("annotation.created"), "reply.created", "annotations.imported"]);
    expect(events.at(-1)!.payload).toEqual({ placed: 5, notPlaced: 0, replies: 1 });

    const jane = notes.find((n) => n.anchor.quote === "at least six")!;
    const replies = (await editor.get(`/api/annotations/${jane.id}/replies`)).body.replies as ReplyDto[];
    expect(replies.map((r) => [r.author.displayName, textOf(r.body), r.parentId])).toEqual([["Edith Editor", "Bo Ek (Word reply, 2024-03-04): The atlas has them.", null]]);
  });

  it("writes nothing more for a Word file without comments or tracked changes", async () => {
    const res = await upload(editor, "plain.docx", await buildWordDocx({ body: para([run("Plain text only.")]) }));
    expect(res.status).toBe(201);
    expect(res.body.review).toBeUndefined();
    expect(await notesOf(editor, res.body.document.id)).toEqual([]);
  });

  it("gives back the same notes on the same passages for a Word file exported with its notes", async () => {
    const article = ["# Rivers as Borders", "", "By 2040, at least six shared basins will face low flows.", "", "Treaties that index allocations to measured flow have survived droughts.", "", "- Glacier retreat upstream", "- Irrigation demand downstream"].join("\n");
    const source = await importDocument(owner, workspaceId, { format: "md", content: article });
    const mk = async (kind: string, body: string, anchor: ReturnType<typeof anchorOn>) => {
      const r = await owner.post(`/api/documents/${source.id}/annotations`, { kind, body, anchor });
      expect(r.status).toBe(201);
      return r.body.annotation as AnnotationDto;
    };
    const six = await mk("comment", "Which six basins?", anchorOn(source.paragraphs, "at least six"));
    await mk("claim", "Check the treaty record", anchorOn(source.paragraphs, "Treaties that index allocations"));
    await mk("comment", "Two items", anchorOn(source.paragraphs, "upstream", "Irrigation"));
    await owner.post(`/api/annotations/${six.id}/replies`, { body: "The flow atlas lists them." });

    const exported = await owner.agent
      .get(`/api/documents/${source.id}/export?format=docx`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    const res = await upload(owner, "rivers.docx", exported.body as Buffer);
    expect(res.status).toBe(201);
    expect(res.body.review).toMatchObject({ notes: 3, replies: 1, notPlaced: [], failed: [] });
    const copy = res.body.document.id as string;
    const { paragraphs } = (await owner.get(`/api/documents/${copy}`)).body as { paragraphs: Array<{ id: string; text: string }> };

    const before = await notesOf(owner, source.id);
    const after = await notesOf(owner, copy);
    const passage = (n: AnnotationDto, ps: Array<{ id: string; text: string }>) => ({
      quote: n.anchor.quote,
      startIn: ps.find((p) => p.id === n.anchor.start.paragraphId)!.text,
      start: n.anchor.start.offset,
      endIn: ps.find((p) => p.id === n.anchor.end.paragraphId)!.text,
      end: n.anchor.end.offset,
    });
    const sorted = <T extends { quote: string }>(xs: T[]) => [...xs].sort((a, b) => a.quote.localeCompare(b.quote));
    expect(sorted(after.map((n) => passage(n, paragraphs)))).toEqual(sorted(before.map((n) => passage(n, source.paragraphs))));
    // Each note keeps its text (under the exported comment's heading) and its reply.
    for (const n of before) {
      const back = after.find((a) => a.anchor.quote === n.anchor.quote)!;
      expect(back.kind).toBe("comment");
      expect(textOf(back.body)).toMatch(/^Owner \(Word comment, \d{4}-\d{2}-\d{2}\): \[\d+\] /);
      expect(textOf(back.body)).toContain(textOf(n.body));
    }
    const sixBack = after.find((a) => a.anchor.quote === "at least six")!;
    const replies = (await owner.get(`/api/annotations/${sixBack.id}/replies`)).body.replies as ReplyDto[];
    expect(replies.map((r) => textOf(r.body))).toEqual([expect.stringMatching(/^Owner \(Word reply, \d{4}-\d{2}-\d{2}\): .*The flow atlas lists them\.$/s)]);
  });
});
