/**
 * Fuzzes the document import route (POST /api/workspaces/:id/documents), the one route that
 * reads its own bodies: hand-built multipart (odd boundaries, missing and duplicate parts,
 * nameless parts, path-traversal file names, prototype-polluting field names, cut-off bodies),
 * JSON imports whose contents stress the parsers, and raw TCP requests that lie about their
 * length. Every answer must be < 500 within the deadline, nothing logged as unhandled, and a
 * valid import must still work afterwards.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { connect } from "node:net";
import {
  ARTICLE,
  HTTP_DEADLINE_MS,
  assertNoServerFault,
  assertStillServes,
  buildFuzzWorld,
  clientOf,
  fuzzParams,
  nastyString,
  preview,
  prototypeSnapshot,
  type FuzzServer,
  type FuzzWorld,
  startFuzzServer,
} from "../helpers/fuzz-kit.ts";
import type { Call } from "../helpers/kit.ts";

let server: FuzzServer;
let world: FuzzWorld;
let docx: Buffer;
const prototypeBefore = prototypeSnapshot();
const importPath = () => `/api/workspaces/${world.workspaceId}/documents`;

// ---------------------------------------------------------------------------------------------
// File contents that stress the parsers
// ---------------------------------------------------------------------------------------------

type Content = { kind: string; bytes: () => Buffer };

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

function contents(): fc.Arbitrary<Content> {
  const fixed: Content[] = [
    { kind: "article", bytes: () => Buffer.from(ARTICLE) },
    { kind: "markdown", bytes: () => Buffer.from("---\ntitle: Front\nauthor: [a, b]\n---\n# T\n\n> quote\n\n1. one\n   - nested\n\n`code` **b** _i_ [l](javascript:alert(1))") },
    { kind: "html", bytes: () => Buffer.from("<html><head><title>T</title><script>alert(1)</script></head><body><h1>H</h1><p>P <a href='javascript:x'>l</a></p><table><tr><td>c</td></tr></table></body></html>") },
    { kind: "docx", bytes: () => docx },
    { kind: "empty", bytes: () => Buffer.alloc(0) },
    { kind: "whitespace", bytes: () => Buffer.from(" \n\t\r\n  ") },
    { kind: "nul", bytes: () => Buffer.from("\u0000\u0000text\u0000") },
    { kind: "bom utf-8", bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]) },
    { kind: "utf-16", bytes: () => utf16(ARTICLE) },
    { kind: "utf-16 odd length", bytes: () => utf16(ARTICLE).subarray(0, 51) },
    { kind: "invalid utf-8", bytes: () => Buffer.from([0x48, 0x69, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a, 0x6f, 0x6b]) },
    { kind: "surrogate entities", bytes: () => Buffer.from("<p>&#xD800; &#55296; &#xDFFF;&#x110000; &#0; &#x1F600; &amp&lt</p>\n\n# H &#xD83D;") },
    { kind: "pdf magic", bytes: () => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200, 7)]) },
    { kind: "zip magic", bytes: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 1)]) },
    { kind: "docx truncated", bytes: () => docx.subarray(0, Math.floor(docx.length / 2)) },
    { kind: "docx bit-flipped", bytes: () => Buffer.from(docx).fill(0x5a, 100, 400) },
    { kind: "deep html", bytes: () => Buffer.from("<div>".repeat(20_000) + "deep" + "</div>".repeat(20_000)) },
    { kind: "deep markdown", bytes: () => Buffer.from("> ".repeat(5_000) + "deep\n" + "  - ".repeat(3_000) + "list") },
    { kind: "many paragraphs", bytes: () => Buffer.from(Array.from({ length: 10_050 }, (_v, i) => `p${i}`).join("\n\n")) },
    { kind: "one huge line", bytes: () => Buffer.from("word ".repeat(400_000)) },
    { kind: "many headings", bytes: () => Buffer.from("# h\n".repeat(5_000)) },
    { kind: "html comment bomb", bytes: () => Buffer.from("<!--".repeat(10_000) + "x") },
    { kind: "cdata and pi", bytes: () => Buffer.from("<?xml version='1.0'?><![CDATA[x]]><!DOCTYPE html [<!ENTITY a 'aaaa'>]><p>&a;&a;</p>") },
  ];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixed) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((b) => ({ kind: "random bytes", bytes: () => Buffer.from(b) })) },
    { weight: 1, arbitrary: nastyString(20_000).map((t) => ({ kind: "nasty text", bytes: () => Buffer.from(t) })) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 400 }).map((t) => ({ kind: "unicode text", bytes: () => Buffer.from(t) })) },
  );
}

// ---------------------------------------------------------------------------------------------
// Multipart built by hand
// ---------------------------------------------------------------------------------------------

interface Part {
  /** undefined: no name parameter at all. */
  name?: string;
  filename?: string;
  contentType?: string;
  /** No Content-Disposition header. */
  bare?: boolean;
  data: Content | string;
}

const FILENAMES = [
  "article.txt",
  "notes.md",
  "page.html",
  "report.docx",
  "README",
  "../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "C:\\fakepath\\a.md",
  `${"a".repeat(300)}.txt`,
  "é😀.md",
  "\u0000.txt",
  ".txt",
  "A.TXT",
  "a.pdf",
  "a.txt.exe",
  "",
  "%2e%2e%2fx.txt",
  "a%22b.txt",
  "a%0D%0Ab.txt",
  "x.",
  "x.htm",
  "x.markdown",
];
const FILE_TYPES = [
  "text/plain",
  "text/markdown",
  "text/html",
  "application/xhtml+xml",
  "application/octet-stream",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "image/png",
  "text/plain; charset=utf-16",
  "multipart/mixed; boundary=inner",
  "",
  ";;",
];
const FORMATS = ["txt", "md", "html", "docx", "DOCX", " md ", "markdown", "htm", "text", "pdf", "", "__proto__", "toString"];
const FIELD_NAMES = ["title", "format", "title[0]", "title[]", "a[b][c]", "__proto__", "__proto__[polluted]", "constructor[prototype][polluted]", "file", "files", "", "x".repeat(300), "a[999999999]", "title[__proto__]"];

const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ name: fc.constant("file"), filename: fc.constantFrom(...FILENAMES), contentType: fc.constantFrom(...FILE_TYPES), data: contents() }) },
  { weight: 3, arbitrary: fc.record({ name: fc.constant("title"), data: nastyString(3_000) }) },
  { weight: 3, arbitrary: fc.record({ name: fc.constant("format"), data: fc.constantFrom(...FORMATS) }) },
  { weight: 2, arbitrary: fc.record({ name: fc.constantFrom(...FIELD_NAMES), data: nastyString(200) }) },
  { weight: 1, arbitrary: fc.record({ name: fc.constantFrom("attachment", "file[]", "File"), filename: fc.constantFrom(...FILENAMES), data: contents() }) },
  { weight: 1, arbitrary: fc.record({ filename: fc.constantFrom(...FILENAMES), data: contents() }) },
  { weight: 1, arbitrary: fc.record({ bare: fc.constant(true), data: nastyString(100) }) },
);

type Mangle = "none" | "truncate" | "noClosing" | "lfOnly" | "preamble" | "epilogue" | "noLeadingDashes" | "doubleClosing";

interface MultipartCase {
  actor: "owner" | "eve" | "vic" | "anon";
  parts: Part[];
  boundary: "ok" | "missing" | "mismatch" | "quoted" | "long" | "empty" | "weird" | "caps";
  mangle: Mangle;
  cutAt: number;
}

const multipartCase: fc.Arbitrary<MultipartCase> = fc.record({
  actor: fc.constantFrom<MultipartCase["actor"]>("owner", "owner", "owner", "owner", "eve", "vic", "anon"),
  parts: fc.oneof(
    { weight: 3, arbitrary: fc.tuple(part, fc.array(part, { maxLength: 4 })).map(([p, ps]) => [p, ...ps]) },
    { weight: 1, arbitrary: fc.array(part, { maxLength: 10 }) },
  ),
  boundary: fc.constantFrom<MultipartCase["boundary"]>("ok", "ok", "ok", "ok", "ok", "missing", "mismatch", "quoted", "long", "empty", "weird", "caps"),
  mangle: fc.constantFrom<Mangle>("none", "none", "none", "none", "truncate", "noClosing", "lfOnly", "preamble", "epilogue", "noLeadingDashes", "doubleClosing"),
  cutAt: fc.nat(),
});

function multipartBody(c: MultipartCase): { body: Buffer; contentType: string } {
  const b = "----fuzzBoundary7MA4YWxkTrZu0gW";
  const chunks: Buffer[] = [];
  for (const p of c.parts) {
    let head = "";
    if (!p.bare) {
      head += "Content-Disposition: form-data";
      if (p.name !== undefined) head += `; name="${p.name}"`;
      if (p.filename !== undefined) head += `; filename="${p.filename}"`;
      head += "\r\n";
    }
    if (p.contentType !== undefined) head += `Content-Type: ${p.contentType}\r\n`;
    const data = typeof p.data === "string" ? Buffer.from(p.data) : p.data.bytes();
    chunks.push(Buffer.from(`--${b}\r\n${head}\r\n`), data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  let body = Buffer.concat(chunks);
  switch (c.mangle) {
    case "truncate":
      body = body.subarray(0, c.cutAt % Math.max(1, body.length));
      break;
    case "noClosing":
      body = body.subarray(0, body.length - `--${b}--\r\n`.length);
      break;
    case "lfOnly":
      body = Buffer.from(body.toString("latin1").replace(/\r\n/g, "\n"), "latin1");
      break;
    case "preamble":
      body = Buffer.concat([Buffer.from("This is a preamble.\r\n"), body]);
      break;
    case "epilogue":
      body = Buffer.concat([body, Buffer.from("trailing garbage after the end\r\n--x--")]);
      break;
    case "noLeadingDashes":
      body = Buffer.from(body.toString("latin1").split(`--${b}`).join(b), "latin1");
      break;
    case "doubleClosing":
      body = Buffer.concat([body, Buffer.from(`--${b}--\r\n`)]);
      break;
    case "none":
      break;
  }
  const contentType = {
    ok: `multipart/form-data; boundary=${b}`,
    missing: "multipart/form-data",
    mismatch: "multipart/form-data; boundary=somethingElse",
    quoted: `multipart/form-data; boundary="${b}"`,
    long: `multipart/form-data; boundary=${"b".repeat(200)}`,
    empty: "multipart/form-data; boundary=",
    weird: 'multipart/form-data; boundary=a"b; charset=utf-8; boundary=x',
    caps: `MULTIPART/FORM-DATA; BOUNDARY=${b}`,
  }[c.boundary];
  return { body, contentType };
}

function describeParts(c: MultipartCase): string {
  return preview({
    ...c,
    parts: c.parts.map((p) => ({ ...p, data: typeof p.data === "string" ? p.data : p.data.kind })),
  });
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP, for requests fetch cannot send
// ---------------------------------------------------------------------------------------------

/** Writes `raw` to a new connection, half-closes it, and resolves with the status line (or "closed"). */
function rawRequest(raw: Buffer): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`HUNG: no answer and no close within ${HTTP_DEADLINE_MS} ms to ${JSON.stringify(raw.toString("latin1").slice(0, 300))}`));
    }, HTTP_DEADLINE_MS);
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(answer.split("\r\n")[0] || "closed");
    });
    socket.write(raw, () => socket.end());
  });
}

beforeAll(async () => {
  server = await startFuzzServer();
  world = await buildFuzzWorld(server.url);
  const { Document, Packer, Paragraph, HeadingLevel } = await import("docx");
  docx = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ text: "Word title", heading: HeadingLevel.TITLE }), new Paragraph("A paragraph of body text.")] }] }),
  );
}, 60_000);

afterEach(async () => {
  if (!server || !world) return;
  await assertStillServes(server, world);
  // A valid import still works.
  const res = await world.owner.send({ method: "POST", path: importPath(), body: JSON.stringify({ format: "md", content: "# Still\n\nworks" }), contentType: "application/json" });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
});

describe("import fuzz: multipart and raw bodies answer < 500, never hang", () => {
  it("hand-built multipart uploads", async () => {
    await fc.assert(
      fc.asyncProperty(multipartCase, async (c) => {
        const { body, contentType } = multipartBody(c);
        const call: Call = { method: "POST", path: importPath(), body: new Uint8Array(body), contentType };
        const res = await clientOf(world, c.actor).send(call);
        try {
          assertNoServerFault(server, call, res);
        } catch (e) {
          throw new Error(`${(e as Error).message}\n  multipart: ${describeParts(c)}`);
        }
        if (c.actor === "vic" || c.actor === "anon") expect(res.status, "a viewer or a stranger never imports").toBeGreaterThanOrEqual(400);
      }),
      fuzzParams(120),
    );
  }, 90_000);

  it("JSON imports whose contents stress the parsers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("txt", "md", "html", "docx"),
        contents(),
        fc.constantFrom("utf8", "base64", "base64 with whitespace", "latin1"),
        fc.option(nastyString(600), { nil: undefined }),
        async (format, content, encoding, title) => {
          const bytes = content.bytes();
          const text =
            encoding === "utf8" ? bytes.toString("utf8") : encoding === "latin1" ? bytes.toString("latin1") : bytes.toString("base64").replace(/(.{76})/g, encoding === "base64" ? "$1" : "$1\r\n ");
          const call: Call = { method: "POST", path: importPath(), body: JSON.stringify({ format, content: text, title }), contentType: "application/json", deadlineMs: 20_000 };
          const res = await world.owner.send(call);
          assertNoServerFault(server, call, res);
        },
      ),
      fuzzParams(80),
    );
  }, 90_000);

  it("a multipart import with a valid file still works (the fuzzer's baseline)", async () => {
    const form = new FormData();
    form.append("title", "Uploaded");
    form.append("file", new Blob([ARTICLE], { type: "text/plain" }), "article.txt");
    const res = await world.owner.send({ method: "POST", path: importPath(), body: form });
    expect(res.status).toBe(201);
  });

  it("raw requests with lying lengths, bad chunking and cut-off bodies", async () => {
    const { hostname, port } = new URL(server.url);
    const host = `${hostname}:${port}`;
    const head = (extra: string) => `POST ${importPath()} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${world.owner.cookie}\r\nX-CSRF-Token: ${world.owner.csrf}\r\n${extra}`;
    const b = "XyZ";
    const multipart = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${ARTICLE}\r\n--${b}--\r\n`;
    const json = JSON.stringify({ format: "txt", content: ARTICLE });
    const requests = fc.constantFrom(
      head(`Content-Type: application/json\r\nContent-Length: ${json.length + 50}\r\n\r\n${json}`),
      head(`Content-Type: application/json\r\nContent-Length: 5\r\n\r\n${json}`),
      head(`Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${multipart.length + 100}\r\n\r\n${multipart}`),
      head(`Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${multipart.length}\r\n\r\n${multipart.slice(0, 60)}`),
      head(`Content-Type: multipart/form-data; boundary=${b}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n--XyZ\r\nZZ\r\nnot-hex\r\n0\r\n\r\n`),
      head(`Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${json.length.toString(16)}\r\n${json}\r\n`),
      head(`Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\n{}}\r\n0\r\n\r\n`),
      head(`Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`),
      head(`Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}`),
      head(`Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00`),
      head(`Content-Type: multipart/form-data; boundary=${b}\r\nContent-Length: ${multipart.length}\r\n\r\n${multipart.replace(/\r\n/g, "\n")}`),
      `POST ${importPath()} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      "GARBAGE / HTTP/9.9\r\n\r\n",
      `GET /api/documents/${"A".repeat(20_000)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n${"X-Big: y\r\n".repeat(2_000)}\r\n`,
      `POST /api/workspaces HTTP/1.1\r\nHost: ${host}\r\nCookie: ${world.owner.cookie}\r\nX-CSRF-Token: ${world.owner.csrf}\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"name":`,
    );
    await fc.assert(
      fc.asyncProperty(requests, async (raw) => {
        const status = await rawRequest(Buffer.from(raw, "latin1"));
        const code = Number(/^HTTP\/1\.1 (\d{3})/.exec(status)?.[1] ?? "0");
        if (code >= 500) throw new Error(`raw request answered ${status}: ${JSON.stringify(raw.slice(0, 300))}`);
        const logged = server.drainErrors();
        if (logged.length) throw new Error(`raw request ${JSON.stringify(raw.slice(0, 300))} logged:\n${logged.join("\n")}`);
      }),
      fuzzParams(40),
    );
  }, 90_000);

  it("leaves Object.prototype untouched", () => {
    expect(prototypeSnapshot()).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
