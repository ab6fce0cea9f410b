/**
 * The name of an uploaded file is only a label, but it is stored (the document's source name,
 * a revised draft's version note) and shown to others: it arrives as UTF-8, and NUL, control
 * characters and bidirectional overrides in it (sent raw, or percent-encoded in RFC 5987's
 * filename*=) are replaced, never stored (PostgreSQL refuses NUL with a 500) or shown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, buildWorld, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;
let documentId: string;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not survive
const REFUSED = /[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/;
const TEXT = "Title\n\nThe treaty limits deployments near the border.\n\nA second paragraph.";

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId, documentId } = await buildWorld(t, { document: { content: TEXT, format: "txt" } }));
});
afterAll(async () => {
  await t?.close();
});

/** A multipart body whose file part names the file with `disposition` (raw header text). */
function multipart(disposition: string, text: string): { body: Buffer; type: string } {
  const b = "----scholiaNames";
  const head = `--${b}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/plain\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head, "utf8"), Buffer.from(text), Buffer.from(`\r\n--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}

const send = (path: string, disposition: string, text: string) => {
  const { body, type } = multipart(disposition, text);
  return owner.request("POST", path).set("content-type", type).send(body);
};

describe("uploaded file names", () => {
  it("keeps a UTF-8 name as it was written", async () => {
    const res = await send(`/api/workspaces/${workspaceId}/documents`, 'filename="Zoë Ångström – 报告.txt"', TEXT);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document.sourceName).toBe("Zoë Ångström – 报告.txt");
  });

  const hostile: Array<[string, string]> = [
    ["percent-encoded NUL", "filename*=utf-8''draft%00two.txt"],
    ["percent-encoded right-to-left override", "filename*=utf-8''draft%E2%80%AEtxt.exe"],
    ["raw isolate and override", 'filename="draft\u2066two\u202E.txt"'],
    ["percent-encoded control character", "filename*=utf-8''draft%1Btwo.txt"],
  ];
  for (const [what, disposition] of hostile) {
    it(`replaces a ${what} in an imported document's source name`, async () => {
      const res = await send(`/api/workspaces/${workspaceId}/documents`, disposition, TEXT);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const name = res.body.document.sourceName as string;
      expect(name).toMatch(/^draft\ufffd/);
      expect(name).not.toMatch(REFUSED);
    });

    it(`replaces a ${what} in a revised draft's name and version note`, async () => {
      const draft = `${TEXT}\n\nA paragraph added by the draft with the ${what}.`;
      const res = await send(`/api/documents/${documentId}/revisions`, disposition, draft);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { versions } = (await owner.get(`/api/documents/${documentId}/versions`)).body as { versions: Array<{ number: number; note: string | null }> };
      const note = versions.find((v) => v.number === res.body.version)?.note ?? "";
      expect(note).toMatch(/^Revised draft \(draft\ufffd/);
      expect(note).not.toMatch(REFUSED);
      const doc = (await owner.get(`/api/documents/${documentId}`)).body.document as { sourceName: string };
      expect(doc.sourceName).toMatch(/^draft\ufffd/);
    });
  }

  it("cuts a long name to 255 characters without leaving half of a character", async () => {
    const long = "a".repeat(254) + "😀😀.txt";
    const res = await send(`/api/workspaces/${workspaceId}/documents`, `filename="${long}"`, TEXT);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document.sourceName).toBe("a".repeat(254));
  });
});
