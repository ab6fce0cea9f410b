import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import request from "supertest";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { addMember, buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;

const ARTICLE = [
  "The Quiet Arithmetic of Alliances",
  "",
  "Vol. 7, No. 2 · June 2026",
  "",
  "Mara Ellison, PhD",
  "Department of International Relations, University of Northfield",
  "ORCID: 0000-0002-1111-2222",
  "Email: m.ellison@northfield.example.edu",
  "",
  "Why small states hedge",
  "",
  "Small states rarely choose sides cleanly. They hedge, and the ministers who “made ??a commitment” in",
  "public often wrote the escape clause themselves — quietly.",
  "",
  "Three patterns recur",
  "",
  "• Hedging by trade: diversifying export markets so that no single partner",
  "  holds decisive leverage over the economy.",
  "• Hedging by arms: buying from two suppliers at once.",
  "",
  "The record since 1991 suggests the pattern will hold through 2030.",
].join("\n");

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp();
  workspaceId = await createWorkspace(owner);
});
afterAll(async () => {
  await t?.close();
});

async function importJson(user: AppClient, body: object) {
  return user.post(`/api/workspaces/${workspaceId}/documents`, body);
}

function upload(user: AppClient, filename: string, content: Buffer | string, wsId = workspaceId) {
  return user.agent
    .post(`/api/workspaces/${wsId}/documents`)
    .set("x-csrf-token", user.csrf)
    .attach("file", Buffer.isBuffer(content) ? content : Buffer.from(content), filename);
}

async function docCount() {
  return t.db.document.count({ where: { workspaceId } });
}

describe("import", () => {
  it("imports journal-style plain text into ordered, typed paragraphs with stable ids", async () => {
    const res = await importJson(owner, { format: "txt", content: ARTICLE });
    expect(res.status).toBe(201);
    const { document, summary } = res.body;
    expect(document.title).toBe("The Quiet Arithmetic of Alliances");
    expect(summary.kinds.listItem).toBe(2);
    expect(summary.kinds.meta).toBeGreaterThanOrEqual(4);
    expect(summary.metadata.authors[0]).toMatchObject({ identifiers: { ORCID: "0000-0002-1111-2222" }, email: "m.ellison@northfield.example.edu" });

    const got = await owner.get(`/api/documents/${document.id}`);
    expect(got.status).toBe(200);
    const paragraphs = got.body.paragraphs as Array<{ id: string; position: number; kind: string; text: string }>;
    expect(paragraphs.map((p) => p.position)).toEqual(paragraphs.map((_, i) => i));
    expect(new Set(paragraphs.map((p) => p.id)).size).toBe(paragraphs.length);
    for (const p of paragraphs) expect(p.id).toMatch(/^p_[0-9a-z]{20}$/);
    const body = paragraphs.find((p) => p.text.startsWith("Small states"))!;
    expect(body.kind).toBe("paragraph");
    expect(body.text).toContain("“made ??a commitment”");
    expect(body.text).toContain("— quietly.");
    const items = paragraphs.filter((p) => p.kind === "listItem").map((p) => p.text);
    expect(items[0]).toMatch(/^Hedging by trade: .*holds decisive leverage over the economy\.$/);
    expect(paragraphs.find((p) => p.text === "Three patterns recur")!.kind).toBe("heading");
    expect(got.body.role).toBe("owner");
  });

  it("never reuses paragraph ids, even for the same file imported twice", async () => {
    const a = await importJson(owner, { format: "txt", content: ARTICLE });
    const b = await importJson(owner, { format: "txt", content: ARTICLE });
    const pa = (await owner.get(`/api/documents/${a.body.document.id}`)).body.paragraphs.map((p: { id: string }) => p.id);
    const pb = (await owner.get(`/api/documents/${b.body.document.id}`)).body.paragraphs.map((p: { id: string }) => p.id);
    expect(pa.filter((id: string) => pb.includes(id))).toEqual([]);
  });

  it("imports once per clientMutationId: a retry of the same file is answered with the first import, even read differently; another file is refused", async () => {
    const id = randomUUID();
    const url = `/api/workspaces/${workspaceId}/documents?clientMutationId=${id}`;
    const first = await owner.post(url, { format: "txt", content: ARTICLE });
    expect(first.status).toBe(201);
    const again = await owner.post(url, { format: "txt", content: ARTICLE });
    expect(again.status).toBe(201);
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.body.document.id).toBe(first.body.document.id);
    // The importer changed since (a retry across an upgrade): the same file now reads differently.
    const me = (await owner.get("/api/auth/me")).body.user as { id: string; displayName: string };
    const { parseImport } = await import("../../server/modules/documents/import/index.ts");
    const parsed = await parseImport("txt", Buffer.from(ARTICLE));
    const readAnew = { ...parsed, blocks: parsed.blocks.map((b, i) => (i === parsed.blocks.length - 1 ? { ...b, text: `${b.text} (read anew)` } : b)) };
    const contentDigest = createHash("sha256").update(ARTICLE).digest("hex");
    const retried = await t.ctx.mutations.run("document:import", { userId: me.id, displayName: me.displayName }, { workspaceId, format: "txt", parsed: readAnew, contentDigest, clientMutationId: id });
    expect(retried.replayed).toBe(true);
    expect(retried.result.document.id).toBe(first.body.document.id);
    // Another file with the same id is another request.
    const other = await owner.post(url, { format: "txt", content: `${ARTICLE}\n\nOne more paragraph.` });
    expect(other.status).toBe(409);
    expect(other.body.error.field).toBe("clientMutationId");
    expect((await owner.get(`/api/workspaces/${workspaceId}/documents`)).body.documents.filter((d: { id: string }) => d.id === first.body.document.id)).toHaveLength(1);
  });

  it("writes the document.imported event as seq 1 and version 1 in the same transaction", async () => {
    const res = await importJson(owner, { format: "md", content: "# Title\n\nSome *emphasis* here.\n" });
    const events = await t.db.documentEvent.findMany({ where: { documentId: res.body.document.id } });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, "document.imported"]]);
    const versions = await t.db.documentVersion.findMany({ where: { documentId: res.body.document.id } });
    expect(versions.map((v) => v.number)).toEqual([1]);
    expect(res.body.document.lastSeq).toBe(1);
  });

  it("uses an explicit title over the parsed one", async () => {
    const res = await importJson(owner, { format: "txt", content: ARTICLE, title: "Alliances (draft)" });
    expect(res.body.document.title).toBe("Alliances (draft)");
  });

  it("uploads Markdown as multipart", async () => {
    const md = "# Deterrence, Revisited\n\n## Background\n\nA **bold** claim and a [link](https://example.org).\n\n- first item\n- second item\n\n> A quoted passage.\n";
    const res = await upload(owner, "deterrence.md", md);
    expect(res.status).toBe(201);
    expect(res.body.document.format).toBe("md");
    expect(res.body.document.sourceName).toBe("deterrence.md");
    const { paragraphs } = (await owner.get(`/api/documents/${res.body.document.id}`)).body;
    expect(paragraphs.map((p: { kind: string; text: string }) => [p.kind, p.text])).toEqual([
      ["heading", "Deterrence, Revisited"],
      ["heading", "Background"],
      ["paragraph", "A bold claim and a link."],
      ["listItem", "first item"],
      ["listItem", "second item"],
      ["quote", "A quoted passage."],
    ]);
  });

  it("strips scripts, styles and event handlers from HTML and never stores them", async () => {
    const html = `<html><head><title>Sanctions</title><style>p{color:red}</style><script>alert('x')</script></head>
      <body><h1 onclick="alert(1)">Sanctions</h1><p>Trade fell <b>sharply</b>.<img src=x onerror="alert(2)"></p>
      <ul><li>One</li><li><a href="javascript:alert(3)">Two</a></li></ul><script>document.cookie</script></body></html>`;
    const res = await upload(owner, "sanctions.html", html);
    expect(res.status).toBe(201);
    const rows = await t.db.paragraph.findMany({ where: { documentId: res.body.document.id }, orderBy: { position: "asc" } });
    const stored = JSON.stringify(rows) + JSON.stringify(await t.db.document.findUnique({ where: { id: res.body.document.id } }));
    for (const bad of ["alert", "<script", "javascript:", "onerror", "onclick", "document.cookie", "color:red"]) {
      expect(stored).not.toContain(bad);
    }
    expect(rows.map((r) => [r.kind, r.text])).toEqual([
      ["heading", "Sanctions"],
      ["paragraph", "Trade fell sharply."],
      ["listItem", "One"],
      ["listItem", "Two"],
    ]);
  });

  it("imports a DOCX built on the spot", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Energy Security in the Baltic", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun("Pipelines are politics by other means.")] }),
            new Paragraph({ text: "Findings", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: "LNG terminals changed the bargaining.", bullet: { level: 0 } }),
          ],
        },
      ],
    });
    const buf = await Packer.toBuffer(doc);
    const res = await upload(owner, "baltic.docx", buf);
    expect(res.status).toBe(201);
    const { paragraphs } = (await owner.get(`/api/documents/${res.body.document.id}`)).body;
    expect(paragraphs.map((p: { kind: string; text: string }) => [p.kind, p.text])).toEqual([
      ["heading", "Energy Security in the Baltic"],
      ["paragraph", "Pipelines are politics by other means."],
      ["heading", "Findings"],
      ["listItem", "LNG terminals changed the bargaining."],
    ]);
  });

  it("accepts a base64 DOCX over JSON", async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ text: "Title", heading: HeadingLevel.HEADING_1 }), new Paragraph("Body.")] }] });
    const content = (await Packer.toBuffer(doc)).toString("base64");
    const res = await importJson(owner, { format: "docx", content });
    expect(res.status).toBe(201);
    expect(res.body.summary.paragraphs).toBe(2);
  });
});

describe("import refusals leave nothing behind", () => {
  it.each([
    ["empty file", "empty.txt", Buffer.alloc(0), 400, "empty_file"],
    ["whitespace only", "blank.txt", Buffer.from("  \n\n\t \n"), 400, "empty_file"],
    ["unsupported type", "report.rtf", Buffer.from("{\\rtf1 binary"), 415, "unsupported_type"],
    ["corrupt pdf", "report.pdf", Buffer.from("%PDF-1.7 binary"), 400, "corrupt_file"],
    ["binary posing as text", "notes.txt", Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00]), 415, "unsupported_type"],
    ["corrupt docx", "broken.docx", Buffer.from("this is not a zip file at all"), 400, "corrupt_file"],
    ["truncated docx", "cut.docx", Buffer.from("PK\u0003\u0004\u0014\u0000\u0000\u0000garbage"), 400, "corrupt_file"],
  ])("%s", async (_name, filename, content, status, code) => {
    const before = await docCount();
    const res = await upload(owner, filename, content);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(5);
    expect(await docCount()).toBe(before);
  });

  it("refuses a file over 5 MB with 413", async () => {
    const before = await docCount();
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, "a");
    const res = await upload(owner, "big.txt", big);
    expect(res.status).toBe(413);
    expect(await docCount()).toBe(before);
  });

  it("refuses over 10,000 paragraphs with 413", async () => {
    const before = await docCount();
    const paragraphsBefore = await t.db.paragraph.count();
    const content = "Title\n\n" + Array.from({ length: 10_050 }, (_, i) => `Paragraph number ${i} ends here.`).join("\n\n");
    const res = await importJson(owner, { format: "txt", content });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_many_paragraphs");
    expect(await docCount()).toBe(before);
    expect(await t.db.paragraph.count()).toBe(paragraphsBefore);
  });

  it("names the bad field in JSON imports", async () => {
    const res = await importJson(owner, { format: "epub", content: "x" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("format");
    const missing = await importJson(owner, { format: "txt" });
    expect(missing.body.error.field).toBe("content");
    const badB64 = await importJson(owner, { format: "docx", content: "%%%not base64%%%" });
    expect(badB64.status).toBe(400);
    expect(badB64.body.error.field).toBe("content");
  });

  it("requires the file field and a supported content type", async () => {
    const noFile = await owner.agent.post(`/api/workspaces/${workspaceId}/documents`).set("x-csrf-token", owner.csrf).field("title", "x");
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.field).toBe("file");
    const plain = await owner.agent.post(`/api/workspaces/${workspaceId}/documents`).set("x-csrf-token", owner.csrf).set("content-type", "text/plain").send("hello");
    expect(plain.status).toBe(415);
  });
});

describe("document access", () => {
  it("viewers and analysts read but cannot import; strangers get 404; anonymous 401", async () => {
    const viewer = await t.signUp();
    const analyst = await t.signUp();
    const stranger = await t.signUp();
    await addMember(owner, workspaceId, viewer, "viewer");
    await addMember(owner, workspaceId, analyst, "analyst");
    const doc = (await importJson(owner, { format: "txt", content: ARTICLE })).body.document;

    expect((await viewer.get(`/api/documents/${doc.id}`)).status).toBe(200);
    expect((await viewer.get(`/api/workspaces/${workspaceId}/documents`)).status).toBe(200);
    expect((await viewer.post(`/api/workspaces/${workspaceId}/documents`, { format: "txt", content: ARTICLE })).status).toBe(403);
    expect((await upload(analyst, "a.txt", ARTICLE)).status).toBe(403);

    const real = await stranger.get(`/api/documents/${doc.id}`);
    const fake = await stranger.get(`/api/documents/d_nosuchdocument000000`);
    expect(real.status).toBe(404);
    expect(real.body).toEqual(fake.body);
    expect((await upload(stranger, "a.txt", ARTICLE)).status).toBe(404);
    expect((await request(t.app).get(`/api/documents/${doc.id}`)).status).toBe(401);
  });

  it("lists the workspace's documents, newest first", async () => {
    const first = (await importJson(owner, { format: "txt", content: "First\n\nBody one." })).body.document;
    const second = (await importJson(owner, { format: "txt", content: "Second\n\nBody two." })).body.document;
    const list = await owner.get(`/api/workspaces/${workspaceId}/documents`);
    const ids = list.body.documents.map((d: { id: string }) => d.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const entry = list.body.documents.find((d: { id: string }) => d.id === second.id);
    expect(entry).toMatchObject({ title: "Second", paragraphCount: 2, format: "txt" });
  });

  it("editors delete documents; analysts cannot", async () => {
    const analyst = await t.signUp();
    await addMember(owner, workspaceId, analyst, "analyst");
    const doc = (await importJson(owner, { format: "txt", content: "Gone\n\nSoon." })).body.document;
    expect((await analyst.delete(`/api/documents/${doc.id}`)).status).toBe(403);
    expect((await owner.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await owner.get(`/api/documents/${doc.id}`)).status).toBe(404);
    expect(await t.db.paragraph.count({ where: { documentId: doc.id } })).toBe(0);
  });

  it("deletes a document whose notes have threads of replies to replies, with all of them", async () => {
    const doc = (await importJson(owner, { format: "txt", content: "Threads\n\nA paragraph to talk about." })).body.document;
    const [p] = (await owner.get(`/api/documents/${doc.id}`)).body.paragraphs as Array<{ id: string }>;
    const note = await owner.post(`/api/documents/${doc.id}/annotations`, { kind: "comment", body: "n", anchor: { start: { paragraphId: p!.id, offset: 0 }, end: { paragraphId: p!.id, offset: 7 } } });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const first = await owner.post(`/api/annotations/${note.body.annotation.id}/replies`, { body: "first" });
    const answer = await owner.post(`/api/annotations/${note.body.annotation.id}/replies`, { body: "an answer", parentId: first.body.reply.id });
    await owner.post(`/api/annotations/${note.body.annotation.id}/replies`, { body: "and another", parentId: answer.body.reply.id });
    expect((await owner.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect(await t.db.reply.count({ where: { annotationId: note.body.annotation.id } })).toBe(0);
    expect(await t.db.annotation.count({ where: { documentId: doc.id } })).toBe(0);
  });
});
