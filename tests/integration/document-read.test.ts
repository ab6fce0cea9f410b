/**
 * GET /api/documents/:id, kept per node as the bytes sent for the document's seq: each role gets
 * its own role and abilities, access is checked in front of the kept answer, an ETag answers
 * 304, and every change of the text (an edit, a revised draft, a role reassigned) or of the
 * document (its front matter) is in the next read; an earlier version is read as it was.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appTransport, buildTestApp, buildWorld, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { ParagraphDto } from "../../common/documents.ts";

let t: TestApp;
let world: World<AppClient, "Eve" | "Vic">;
let outsider: AppClient;

const TEXT = ["Grain and the Sea", "", "The corridor carried thirty million tonnes of grain before the blockade resumed.", "", "Insurers priced the risk of mines far above the cost of escort convoys.", "", ...Array.from({ length: 20 }, (_, i) => [`Paragraph ${i} notes that ports absorb diverted shipping when insurance costs rise.`, ""]).flat()].join("\n");

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(appTransport(t.app), { members: { Eve: "editor", Vic: "viewer" }, document: { format: "txt", content: TEXT } });
  outsider = await t.signUp({ displayName: "Outsider" });
});
afterAll(async () => {
  await t?.close();
});

const path = () => `/api/documents/${world.documentId}`;
const read = async (who: AppClient, query = "") => {
  const res = await who.get(`${path()}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { document: { version: number; metadata: Record<string, unknown>; paragraphCount: number }; version: number; role: string; abilities: Record<string, boolean>; paragraphs: ParagraphDto[] };
};

describe("reading a document", () => {
  it("answers each role as itself from the same seq", async () => {
    const { Eve, Vic } = world.users;
    for (let i = 0; i < 2; i++) {
      const e = await read(Eve);
      const v = await read(Vic);
      expect([e.role, v.role]).toEqual(["editor", "viewer"]);
      expect(e.abilities["document.edit"]).toBe(true);
      expect(v.abilities["document.edit"]).toBeFalsy();
      expect(v.paragraphs).toEqual(e.paragraphs);
      expect(e.document.paragraphCount).toBe(e.paragraphs.length);
    }
  });

  it("checks access in front of the kept answer", async () => {
    await read(world.users.Eve);
    expect((await outsider.get(path())).status).toBe(404);
    expect((await request(t.app).get(path())).status).toBe(401);
  });

  it("is compressed when asked for and answers 304 to its ETag, until the text changes", async () => {
    const { Eve } = world.users;
    const plain = await Eve.get(path()).set("Accept-Encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await Eve.get(path()).set("Accept-Encoding", "br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body).toEqual(plain.body);
    const etag = plain.headers.etag as string;
    expect((await Eve.get(path()).set("If-None-Match", etag)).status).toBe(304);
    const p = (plain.body as { paragraphs: ParagraphDto[] }).paragraphs[3]!;
    expect((await Eve.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: `${p.text} Freight followed.` })).status).toBe(200);
    const after = await Eve.get(path()).set("If-None-Match", etag);
    expect(after.status).toBe(200);
    expect((after.body as { paragraphs: ParagraphDto[] }).paragraphs[3]!.text).toBe(`${p.text} Freight followed.`);
  });

  it("has every change in the next read, and earlier versions as they were", async () => {
    const { Eve, Vic } = world.users;
    const before = await read(Vic);
    const p = before.paragraphs[1]!;
    const edited = await Eve.patch(`/api/paragraphs/${p.id}`, { version: p.version, text: p.text.replace("The corridor", "The Black Sea corridor") });
    expect(edited.status).toBe(200);
    const after = await read(Vic);
    expect(after.version).toBe(before.version + 1);
    expect(after.paragraphs[1]!.text).toContain("The Black Sea corridor");
    // The version before, as it was; the current read is unchanged by it.
    expect((await read(Vic, `?version=${before.version}`)).paragraphs[1]!.text).toBe(p.text);
    expect((await read(Vic)).paragraphs[1]!.text).toContain("The Black Sea corridor");

    // A revised draft: text and front matter.
    const draft = ["Grain, the Sea and the Ports", "", "By Ana Ruiz", "", "Shipping moved south when premiums rose.", "", "Ports on the western coast absorbed the rest."].join("\n");
    const res = await Eve.request("POST", `${path()}/revisions`).attach("file", Buffer.from(draft), { filename: "draft-2.txt", contentType: "text/plain" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const revised = await read(Vic);
    expect(revised.version).toBe(after.version + 1);
    expect(revised.paragraphs.map((x) => x.text)).toEqual(draft.split("\n\n"));
    expect(revised.document.paragraphCount).toBe(4);
    expect(JSON.stringify(revised.document.metadata)).toContain("Ana Ruiz");
  });
});
