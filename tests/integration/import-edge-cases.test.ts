/**
 * Imports of files as editors and exporters really leave them, through the upload route: what
 * each becomes (paragraphs, title, metadata) or the 4xx that names the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameProblem } from "../../common/text-policy.ts";
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

interface Paragraph {
  kind: string;
  role: string | null;
  text: string;
}

function upload(filename: string, content: string | Buffer) {
  return owner.agent
    .post(`/api/workspaces/${workspaceId}/documents`)
    .set("x-csrf-token", owner.csrf)
    .attach("file", Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), filename);
}

/** Uploads `content` as `filename`, expects 201, and reads the stored document back. */
async function imported(filename: string, content: string | Buffer) {
  const res = await upload(filename, content);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const read = await owner.get(`/api/documents/${res.body.document.id}`);
  expect(read.status).toBe(200);
  return { document: read.body.document, paragraphs: read.body.paragraphs as Paragraph[] };
}

describe("characters that show nothing", () => {
  const ZWSP = "\u200b";
  const SHY = "\u00ad";
  const WJ = "\u2060";

  it("a line of zero-width spaces or soft hyphens is blank: it is neither the title nor a paragraph", async () => {
    const files: Array<[string, string]> = [
      ["notes.txt", `${ZWSP}${ZWSP}\n${SHY}\n\nThe Grain Corridor\n\nShips left Odesa on${ZWSP}time.\n\n${WJ}\n`],
      ["notes.md", `${ZWSP}\n\n# ${ZWSP}\n\n${SHY}\n\n# The Grain Corridor\n\nShips left Odesa on${ZWSP}time.\n\n${WJ}\n`],
      ["notes.html", `<h1>&#8203;</h1><p>&#x200b;&shy;</p><h1>The Grain Corridor</h1><p>Ships left Odesa on${ZWSP}time.</p><p>&NoBreak;</p>`],
    ];
    for (const [name, content] of files) {
      const { document, paragraphs } = await imported(name, content);
      expect(document.title, name).toBe("The Grain Corridor");
      expect(
        paragraphs.map((p) => [p.kind, p.role, p.text]),
        name,
      ).toEqual([
        ["heading", "title", "The Grain Corridor"],
        // Inside a paragraph such a character is the source's own text, kept as it is.
        ["paragraph", null, `Ships left Odesa on${ZWSP}time.`],
      ]);
    }
  });

  it("a file of nothing but such characters is empty: 400 empty_file, nothing written", async () => {
    const before = await t.db.document.count({ where: { workspaceId } });
    for (const [name, content] of [
      ["blank.txt", `${ZWSP}${ZWSP}\n${SHY}\n${WJ}\n\u3000\n\ufeff\n`],
      ["blank.md", `${ZWSP}\n\n${WJ}\n`],
      ["blank.html", "<p>&#8203;</p><p>&shy;</p><h1>&zwnj;</h1>"],
    ]) {
      const res = await upload(name!, content!);
      expect(res.status, name).toBe(400);
      expect(res.body.error, name).toMatchObject({ code: "empty_file", field: "file" });
    }
    expect(await t.db.document.count({ where: { workspaceId } })).toBe(before);
  });

  it("the title field carries no bidirectional overrides or embeddings; the title paragraph keeps the source text", async () => {
    // RLE, RLO ... PDF PDF: shown in a list of documents, it would reverse what follows it.
    const heading = "\u202b\u202eEvil Report\u202c\u202c";
    const { document, paragraphs } = await imported("override.txt", `${heading}\n\nBody text of the report.\n`);
    expect(document.title).toBe("Evil Report");
    expect(paragraphs[0]).toMatchObject({ kind: "heading", role: "title", text: heading });
    // The rule a title a person types is held to.
    expect(nameProblem(document.title)).toBeNull();
  });
});
