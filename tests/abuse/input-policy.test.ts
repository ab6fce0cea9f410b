/**
 * The input findings, one test each: strangers get exactly the answer an unknown id gets;
 * annotation bodies may only @mention members; one text policy (NUL, lone surrogates, bidi
 * overrides, invisible names) everywhere; common and repetitive passwords are refused with the
 * reason; the CSRF guard sees the session cookie however it is spelled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { buildTestApp, buildWorld, TEST_PASSWORD, uniqueEmail, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let stranger: AppClient;
let workspaceId: string;
let documentId: string;
let paragraph: { id: string; text: string };
let annotationId: string;
let replyId: string;
let tagId: string;

const richMention = (id: string, label = "someone") => ({
  format: "rich",
  doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "ask " }, { type: "mention", attrs: { id, label } }] }] },
});

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, { document: { content: "Title\n\nThe treaty limits deployments near the border.\n\nA second paragraph.", format: "txt" } });
  ({ owner, workspaceId, documentId } = world);
  stranger = await t.signUp({ displayName: "Stranger" });
  paragraph = world.paragraphs.find((p) => p.text.startsWith("The treaty"))!;
  const a = await owner.post(`/api/documents/${documentId}/annotations`, {
    kind: "claim",
    body: "a note",
    anchor: { start: { paragraphId: paragraph.id, offset: 4 }, end: { paragraphId: paragraph.id, offset: 10 } },
  });
  annotationId = a.body.annotation.id;
  replyId = (await owner.post(`/api/annotations/${annotationId}/replies`, { body: "a reply" })).body.reply.id;
  tagId = (await owner.post(`/api/workspaces/${workspaceId}/tags`, { name: "Energy" })).body.tag.id;
  for (const id of [documentId, paragraph.id, annotationId, replyId, tagId]) expect(id).toMatch(/^[a-z]+_[a-z0-9]{20}$/);
});
afterAll(async () => {
  await t?.close();
});

describe("one answer for 'not yours' and 'does not exist'", () => {
  const unknown = "zz_doesnotexist0000000000";
  const probes: Array<[string, (id: () => string) => [method: "get" | "post" | "patch" | "delete", path: string, body?: object]]> = [
    ["PATCH annotation", () => ["patch", `/api/annotations/${annotationId}`, { version: 1, body: "x" }]],
    ["DELETE annotation", () => ["delete", `/api/annotations/${annotationId}`]],
    ["reply to annotation", () => ["post", `/api/annotations/${annotationId}/replies`, { body: "x" }]],
    ["read thread", () => ["get", `/api/annotations/${annotationId}/replies`]],
    ["PATCH reply", () => ["patch", `/api/replies/${replyId}`, { version: 1, body: "x" }]],
    ["DELETE reply", () => ["delete", `/api/replies/${replyId}`]],
    ["review claim", () => ["post", `/api/annotations/${annotationId}/review`, { version: 1, status: "in_review" }]],
    ["assign claim", () => ["post", `/api/annotations/${annotationId}/assign`, { version: 1, assigneeId: null }]],
    ["claim history", () => ["get", `/api/annotations/${annotationId}/review/history`]],
    ["PATCH tag", () => ["patch", `/api/tags/${tagId}`, { version: 1, name: "X" }]],
    ["merge tag", () => ["post", `/api/tags/${tagId}/merge`, { intoTagId: "zz_othertag0000000000000" }]],
    ["read document", () => ["get", `/api/documents/${documentId}`]],
    ["list annotations", () => ["get", `/api/documents/${documentId}/annotations`]],
    ["annotate document", () => ["post", `/api/documents/${documentId}/annotations`, { kind: "comment", anchor: { start: { paragraphId: paragraph.id, offset: 0 }, end: { paragraphId: paragraph.id, offset: 3 } } }]],
    ["export", () => ["get", `/api/documents/${documentId}/export?format=csv`]],
    ["delete document", () => ["delete", `/api/documents/${documentId}`]],
    ["read workspace", () => ["get", `/api/workspaces/${workspaceId}`]],
    ["workspace members", () => ["get", `/api/workspaces/${workspaceId}/members`]],
  ];
  for (const [name, make] of probes) {
    it(name, async () => {
      const [method, path, body] = make(() => "");
      const realId = [annotationId, replyId, tagId, documentId, workspaceId].find((id) => path.includes(id))!;
      const send = (p: string) => (body ? stranger[method as "post"](p, body) : stranger[method as "get"](p));
      const foreign = await send(path);
      const missing = await send(path.replace(realId, unknown));
      expect(foreign.status).toBe(404);
      expect(foreign.status).toBe(missing.status);
      expect(foreign.body).toEqual(missing.body);
    });
  }
});

describe("mentions in annotation bodies", () => {
  const anchor = () => ({ start: { paragraphId: paragraph.id, offset: 0 }, end: { paragraphId: paragraph.id, offset: 3 } });
  it("refuses a stranger and an unknown id on create and on update, naming the body", async () => {
    for (const id of [stranger.id, "u_nobodyatall00000000"]) {
      const created = await owner.post(`/api/documents/${documentId}/annotations`, { kind: "comment", anchor: anchor(), body: richMention(id) });
      expect(created.status).toBe(400);
      expect(created.body.error.field).toBe("body");
      const updated = await owner.patch(`/api/annotations/${annotationId}`, { version: 1, body: richMention(id) });
      expect(updated.status, JSON.stringify(updated.body)).toBe(400);
      expect(updated.body.error.message).toMatch(/not a member/);
    }
  });
  it("accepts a member", async () => {
    const created = await owner.post(`/api/documents/${documentId}/annotations`, { kind: "comment", anchor: anchor(), body: richMention(owner.id, "Owner") });
    expect(created.status).toBe(201);
  });
  it("refuses a mention shown under another name than the member's, on notes and replies", async () => {
    // Readers would see "@Stranger" while the notice went to the owner.
    const spoof = richMention(owner.id, "Stranger");
    const created = await owner.post(`/api/documents/${documentId}/annotations`, { kind: "comment", anchor: anchor(), body: spoof });
    expect(created.status).toBe(400);
    expect(created.body.error.field).toBe("body");
    expect(created.body.error.message).toMatch(/shows .*Stranger.* member's name is .*Owner/);
    expect((await owner.patch(`/api/annotations/${annotationId}`, { version: 1, body: spoof })).status).toBe(400);
    expect((await owner.post(`/api/annotations/${annotationId}/replies`, { body: spoof })).status).toBe(400);
    expect((await owner.patch(`/api/replies/${replyId}`, { version: 1, body: spoof })).status).toBe(400);
  });
});

describe("one text policy", () => {
  const nul = "before\u0000after";
  const lone = "half \ud800 a pair";
  it("refuses NUL and lone surrogates in annotation and reply bodies, plain and rich", async () => {
    const anchor = { start: { paragraphId: paragraph.id, offset: 0 }, end: { paragraphId: paragraph.id, offset: 3 } };
    for (const bad of [nul, lone]) {
      const rich = { format: "rich", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: bad }] }] } };
      for (const body of [bad, { format: "text", text: bad }, rich]) {
        const a = await owner.post(`/api/documents/${documentId}/annotations`, { kind: "comment", anchor, body });
        expect(a.status).toBe(400);
        expect(a.body.error.field).toMatch(/^body/);
        const r = await owner.post(`/api/annotations/${annotationId}/replies`, { body });
        expect(r.status).toBe(400);
      }
    }
  });
  it("refuses bidi overrides, control characters and invisible-only names", async () => {
    const names = ["Eve\u202Egnp.exe", "\u2066Admin\u2069", "\u200B\u200C\u200D", "\u00A0\u3000", "line\nbreak", "\u0301\u0301"];
    for (const displayName of names) {
      const res = await request(t.app).post("/api/auth/register").send({ email: uniqueEmail(), password: TEST_PASSWORD, displayName });
      expect(res.status, JSON.stringify(displayName)).toBe(400);
      expect(res.body.error.field).toBe("displayName");
    }
    for (const name of names) {
      expect((await owner.post("/api/workspaces", { name })).status, JSON.stringify(name)).toBe(400);
      expect((await owner.post(`/api/workspaces/${workspaceId}/tags`, { name })).status, JSON.stringify(name)).toBe(400);
    }
  });
  it("still accepts names in any script, with marks and right-to-left text", async () => {
    for (const displayName of ["Zoë Ångström", "Nguyễn Thị Minh", "محمد الأحمد", "יעל כהן", "李小龙"]) {
      const res = await request(t.app).post("/api/auth/register").send({ email: uniqueEmail(), password: TEST_PASSWORD, displayName });
      expect(res.status, displayName).toBe(201);
    }
  });
});

describe("passwords", () => {
  it("refuses common and trivially repetitive passwords, saying why", async () => {
    const cases: Array<[string, RegExp]> = [
      ["aaaaaaaaaa", /repeats one character/],
      ["1234567890", /most common passwords/],
      ["          ", /repeats one character/],
      ["qwertyuiop", /most common passwords/],
      ["abcabcabcabc", /repeats a short pattern/],
      ["Password123!", /commonly used password/],
    ];
    for (const [password, why] of cases) {
      const res = await request(t.app).post("/api/auth/register").send({ email: uniqueEmail(), password, displayName: "Pat" });
      expect(res.status, password).toBe(400);
      expect(res.body.error.field).toBe("password");
      expect(res.body.error.message, password).toMatch(why);
    }
  });
  it("refuses a password built from the person's own e-mail", async () => {
    const res = await request(t.app).post("/api/auth/register").send({ email: "margarethamilton1936@example.org", password: "margarethamilton1936", displayName: "Margaret" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/your name or e-mail|commonly used|too easy/);
  });
});

describe("CSRF guard", () => {
  it("sees the session cookie however the cookie header spells it", async () => {
    const cookie = (owner.agent as unknown as { jar: { getCookie(name: string, opts: object): { value: string } } }).jar.getCookie("scholia.sid", { path: "/", domain: "127.0.0.1", secure: false, script: false });
    for (const header of [`scholia.sid =${cookie.value}`, ` scholia.sid=${cookie.value}`, `other=1;scholia.sid\t=${cookie.value}`]) {
      const res = await request(t.app).post("/api/workspaces").set("cookie", header).send({ name: "Forged" });
      expect(res.status, header).toBe(403);
      expect(res.body.error.code).toBe("csrf_failed");
    }
  });
});

describe("claim sources", () => {
  const claimVersion = async () => {
    const { annotations } = (await owner.get(`/api/documents/${documentId}/annotations`)).body as { annotations: Array<{ id: string; claim: { version: number; sources: string[] } | null }> };
    return annotations.find((a) => a.id === annotationId)!.claim!;
  };
  it("refuses a source with spaces inside (two addresses pasted as one), naming it, on review and in bulk", async () => {
    const pasted = ["https://example.org/report https://example.net/data", "https://example.org/annual report.pdf", "https://example.org/a\tb"];
    for (const source of pasted) {
      const { version } = await claimVersion();
      const reviewed = await owner.post(`/api/annotations/${annotationId}/review`, { version, sources: ["https://example.org/fine", source] });
      expect(reviewed.status, source).toBe(400);
      expect(reviewed.body.error.field).toBe("sources.1");
      const bulk = await owner.post(`/api/documents/${documentId}/claims/bulk`, { annotationIds: [annotationId], action: "setStatus", status: "in_review", sources: [source] });
      expect(bulk.status, source).toBe(400);
      expect(bulk.body.error.field).toBe("sources.0");
    }
    expect((await claimVersion()).sources).toEqual([]);
    // Each address on its own is a source.
    const { version } = await claimVersion();
    const ok = await owner.post(`/api/annotations/${annotationId}/review`, { version, sources: ["https://example.org/report", "https://example.net/data", "https://example.org/annual%20report.pdf"] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await claimVersion()).sources).toEqual(["https://example.org/report", "https://example.net/data", "https://example.org/annual%20report.pdf"]);
  });
});
