/**
 * What tests/fuzz adds to the kit (kit.ts): a test server whose error log is captured, the
 * kit's clients under a deadline, a world of real ids (the kit's world of members in every role,
 * plus an annotation, reply, tags, invite and an outsider), arbitraries for hostile values, and
 * near-valid payloads: a valid payload with one field mutated.
 *
 * Every call the fuzzer makes is bounded by a deadline, so a hung request fails the property
 * instead of the whole run. A failing property prints fast-check's seed and path; replay it
 * with FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run tests/fuzz. FUZZ_RUNS_SCALE=3 runs longer;
 * FUZZ_DATABASE_URL=postgresql://… runs against PostgreSQL.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { createLogger } from "../../server/lib/logger.ts";
import { articleText, DETERRENCE, FORECAST, TREATY, type Article } from "../fixtures/deterrence.ts";
import { startTestServer } from "./test-server.ts";
import { httpTransport, describeCall, type Answer, type Call, type HttpClient } from "./http-client.ts";
import { buildWorld, type World } from "./world.ts";

/** Longest any single HTTP call may take before it counts as hung. */
export const HTTP_DEADLINE_MS = 8_000;
/** Longest a socket ack may take before it counts as hung. */
export const ACK_DEADLINE_MS = 5_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

export interface FuzzServer {
  url: string;
  /** The Express app, for reading the routes it declares (app-routes.ts). */
  app: unknown;
  /** Lines the server logged at error level ("unhandled error", "socket handler failed"). */
  errors: string[];
  /** Returns and clears the error lines logged since the last call. */
  drainErrors(): string[];
  stop(): Promise<void>;
}

/**
 * A test server whose error log is captured, with limits raised so that the fuzzer reaches the
 * handlers instead of the limiters (the limiters have their own tests). The suite runs on SQLite
 * (the "sqlite" project); FUZZ_DATABASE_URL=postgresql://… runs it on PostgreSQL instead, whose
 * 32-bit integer columns and stricter driver find bugs SQLite hides.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  const errors: string[] = [];
  const logger = createLogger("error", (line) => {
    const entry = JSON.parse(line) as { msg?: string; event?: string; err?: { stack?: string; message?: string } };
    errors.push(`${entry.msg ?? "?"}${entry.event ? ` [${entry.event}]` : ""}: ${entry.err?.stack ?? entry.err?.message ?? JSON.stringify(entry.err)}`);
  });
  const server = await startTestServer({
    databaseServer: process.env.FUZZ_DATABASE_URL || process.env.TEST_DATABASE_URL,
    logger,
    registerPerHour: 1_000_000,
    loginLimits: { perAccount: 1_000_000, perIp: 1_000_000, windowSeconds: 60 },
    realtime: { burst: 1_000_000, perSecond: 1_000_000 },
  });
  return {
    url: server.url,
    app: server.built.app,
    errors,
    drainErrors: () => errors.splice(0, errors.length),
    stop: () => server.stop(),
  };
}

/** Clients of the fuzz server: every call and handshake bounded by the deadlines above. */
export function fuzzTransport(url: string) {
  return httpTransport(url, { deadlineMs: HTTP_DEADLINE_MS, socketTimeoutMs: ACK_DEADLINE_MS });
}

// ---------------------------------------------------------------------------------------------
// The world: real ids to start near-valid payloads from
// ---------------------------------------------------------------------------------------------

export const MEMBER_ROLES = { eve: "editor", ana: "analyst", vic: "viewer", mo: "analyst" } as const;
export type MemberName = keyof typeof MEMBER_ROLES;
export type ActorName = "owner" | MemberName | "stranger" | "anon";

/** The kit's world, with the fuzz fixture's own members by name and real ids of every kind. */
export interface FuzzWorld extends World<HttpClient, MemberName> {
  url: string;
  annotationId: string;
  replyId: string;
  tagId: string;
  tag2Id: string;
  inviteId: string;
  inviteToken: string;
  members: Record<MemberName, HttpClient>;
  /** Signed in, member of nothing here. */
  stranger: HttpClient;
  /** No session at all. */
  anon: HttpClient;
}

/** The shared article with an emoji in a paragraph, where UTF-16 offsets and code points part. */
export const FUZZ_ARTICLE: Article = { ...DETERRENCE, paragraphs: [TREATY, `${FORECAST} 😀 emoji sits here.`] };
export const ARTICLE = articleText(FUZZ_ARTICLE);

export function clientOf(world: FuzzWorld, actor: ActorName): HttpClient {
  if (actor === "owner") return world.owner;
  if (actor === "stranger") return world.stranger;
  if (actor === "anon") return world.anon;
  return world.members[actor];
}

/** The kit's world (an owner, a member of every role, the article) plus a stranger, an annotation, a reply, two tags and an invite. */
export async function buildFuzzWorld(url: string): Promise<FuzzWorld> {
  const transport = fuzzTransport(url);
  const base = await buildWorld(transport, { members: MEMBER_ROLES, workspace: "Fuzz desk", document: { article: FUZZ_ARTICLE, title: "Fuzzed" } });
  const { owner: _owner, ...members } = base.users;
  const world: FuzzWorld = {
    ...base,
    url,
    annotationId: "",
    replyId: "",
    tagId: "",
    tag2Id: "",
    inviteId: "",
    inviteToken: "",
    members,
    stranger: await transport.signUp({ displayName: "Stranger" }),
    anon: transport.anonymous(),
  };
  world.tagId = await freshTag(world);
  world.tag2Id = await freshTag(world);
  world.annotationId = await freshAnnotation(world, world.members.ana);
  world.replyId = await freshReply(world, world.annotationId, world.members.ana);
  const invite = await freshInvite(world);
  world.inviteId = invite.id;
  world.inviteToken = invite.token;
  return world;
}

/**
 * A rich body the editor could produce, for deep mutations: bold, italic and code marks, an
 * http(s) and a mailto link, a mention, and a bulleted and a numbered list.
 */
export function richDoc(mention: { id: string; label: string }) {
  return {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "See " },
          { type: "text", text: "the source", marks: [{ type: "link", attrs: { href: "https://example.org/a" } }, { type: "bold" }] },
          { type: "text", text: " or " },
          { type: "text", text: "write", marks: [{ type: "link", attrs: { href: "mailto:desk@example.org" } }] },
          { type: "text", text: " and ask " },
          { type: "mention", attrs: mention },
        ],
      },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "a point", marks: [{ type: "italic" }] }] }] }] },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one", marks: [{ type: "code" }] }] }] }] },
    ],
  };
}

/** A paragraph with text, and a valid span in it. */
function spanIn(world: FuzzWorld, which = 2): { paragraphId: string; start: number; end: number; quote: string } {
  const withText = world.paragraphs.filter((p) => p.text.trim().length > 10);
  const p = withText[which % withText.length]!;
  const start = p.text.indexOf(" ") + 1;
  const end = Math.min(p.text.length, start + 12);
  return { paragraphId: p.id, start, end, quote: p.text.slice(start, end) };
}

/** spanIn's span as an anchor a request carries (with its quote when `withQuote`). */
export function anchorIn(world: FuzzWorld, which = 2, withQuote = true) {
  const s = spanIn(world, which);
  const points = { start: { paragraphId: s.paragraphId, offset: s.start }, end: { paragraphId: s.paragraphId, offset: s.end } };
  return withQuote ? { ...points, quote: s.quote } : points;
}

/** Ids of a run's fixtures by name ("annotationId", "tagId", ...), put into the valid inputs. */
export type FixtureIds = Record<string, string>;

/** Ten random hex characters, for names and client mutation ids that must not repeat. */
export const hex = (): string => randomBytes(5).toString("hex");

export async function freshAnnotation(world: FuzzWorld, by: HttpClient = world.owner): Promise<string> {
  const { annotation } = await by.ok<{ annotation: { id: string } }>("POST", `/api/documents/${world.documentId}/annotations`, {
    kind: "claim",
    body: "fresh target",
    anchor: anchorIn(world, 2, false),
  });
  return annotation.id;
}

export async function freshReply(world: FuzzWorld, annotationId: string, by: HttpClient = world.owner): Promise<string> {
  const { reply } = await by.ok<{ reply: { id: string } }>("POST", `/api/annotations/${annotationId}/replies`, { body: "fresh reply", stance: "questions" });
  return reply.id;
}

export async function freshTag(world: FuzzWorld): Promise<string> {
  const { tag } = await world.owner.ok<{ tag: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: `tag-${hex()}` });
  return tag.id;
}

export async function freshDocument(world: FuzzWorld): Promise<string> {
  const { document } = await world.owner.ok<{ document: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/documents`, { format: "md", content: "# Short\n\nA paragraph to delete." });
  return document.id;
}

export async function freshInvite(world: FuzzWorld, role = "viewer"): Promise<{ id: string; token: string }> {
  const { token, invite } = await world.owner.ok<{ token: string; invite: { id: string } }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role });
  return { id: invite.id, token };
}

/**
 * Puts the membership back as buildFuzzWorld left it: the owner owns, each member has its role,
 * nobody else belongs. Fuzzed member and invite routes may change any of that.
 */
export async function restoreMembers(world: FuzzWorld): Promise<void> {
  const path = `/api/workspaces/${world.workspaceId}/members`;
  const everyone: [HttpClient, string][] = [[world.owner, "owner"], ...(Object.entries(MEMBER_ROLES) as [MemberName, string][]).map(([n, r]) => [world.members[n], r] as [HttpClient, string])];
  const list = async () => {
    for (const [client] of everyone) {
      const res = await client.send({ method: "GET", path });
      if (res.status === 200) return (res.body as { members: { userId: string; role: string }[] }).members;
    }
    throw new Error("restoreMembers: no fixture user can list the workspace's members any more");
  };
  let members = await list();
  const ownerClient = () => {
    const ids = new Set(members.filter((m) => m.role === "owner").map((m) => m.userId));
    const client = everyone.map(([c]) => c).find((c) => ids.has(c.id));
    if (!client) throw new Error("restoreMembers: no fixture user is an owner any more");
    return client;
  };
  // The owner first: whoever owns now makes them owner again (or re-invites them).
  for (const [client, role] of everyone) {
    const now = members.find((m) => m.userId === client.id);
    const acting = ownerClient();
    if (!now) {
      const inv = await acting.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role });
      await client.ok("POST", `/api/invites/${inv.token}/accept`);
    } else if (now.role !== role) {
      if (role !== "owner" && acting.id === client.id) await world.owner.ok("PATCH", `${path}/${client.id}`, { role });
      else await acting.ok("PATCH", `${path}/${client.id}`, { role });
    }
    members = await list();
  }
  const keep = new Set(everyone.map(([c]) => c.id));
  for (const m of members) if (!keep.has(m.userId)) await world.owner.ok("DELETE", `${path}/${m.userId}`);
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

/** JSON spliced in verbatim by encodeJson: for nesting too deep for JSON.stringify. */
export class RawJson {
  constructor(
    readonly json: string,
    readonly label: string,
  ) {}
  toJSON(): string {
    return `<raw ${this.label}>`;
  }
}

/** Placeholder for "one of the run's real ids", resolved when the payload is built. */
export class RealId {
  constructor(readonly index: number) {}
}

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

export const NASTY_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "\u0000abc",
  "null",
  "undefined",
  "NaN",
  "true",
  "0",
  "-1",
  "1e309",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%",
  "%00",
  "%ZZ",
  "\ud800",
  "\udfff",
  "a\ud83dz",
  "\udc00\ud800",
  "😀",
  "👩‍👩‍👧‍👦",
  "e\u0301",
  "\u202eRTL",
  "\ufeffBOM",
  "\uffff",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "' OR 1=1 --",
  "\"; DROP TABLE users; --",
  "${7*7}",
  "#zzzzzz",
  "#7C8DA6",
  "a>b",
  "A".repeat(64),
  "A".repeat(65),
  "x".repeat(81),
  "x".repeat(129),
  "x".repeat(501),
  "x".repeat(2_001),
  "x".repeat(10_001),
  "x".repeat(20_001),
  "comment",
  "claim",
  "highlight",
  "owner",
  "editor",
  "viewer",
  "analyst",
  "docx",
  "DOCX",
  "markdown",
  "rich",
  "text",
];

/**
 * Long strings of up to `maxBytes` bytes once JSON-encoded (a lone surrogate encodes to 6), so
 * socket payloads stay under the transport's hard limit while crossing the 64 KB message limit.
 */
export function hugeString(maxBytes: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom("a", "é", "%", " ", "<p>", "\ud800", "😀"), fc.constantFrom(1_000, 10_001, 60_000, 65_537, 70_000, 140_000, 270_000)).map(([unit, n]) => {
    const unitBytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
    return unit.repeat(Math.max(1, Math.floor(Math.min(n, maxBytes) / unitBytes)));
  });
}

export function nastyString(maxHuge: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.oneof({ weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) }, LONE_SURROGATE), maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: hugeString(maxHuge) },
  );
}

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      2,
      0.5,
      -0.5,
      1.5,
      1_000_000,
      1_000_001,
      2 ** 31 - 1,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 32,
      2 ** 53 - 1,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53),
      1e21,
      1e308,
      -1e308,
      Number.MIN_VALUE,
      NaN,
      Infinity,
      -Infinity,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** Objects that trip naive code: prototype keys, non-callable toString, array-likes. */
export const EVIL_OBJECT_JSON = [
  '{"__proto__":{"polluted":"yes","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":[]}',
  '{"toString":1}',
  '{"toString":"x","valueOf":"y"}',
  '{"valueOf":1,"toString":1}',
  '{"toJSON":1}',
  '{"then":1}',
  '{"length":-1}',
  '{"length":1e9,"0":"a"}',
  '{"hasOwnProperty":1}',
  '{"":""}',
  "{}",
  "[]",
  "[null]",
  '[[],[[]]]',
  '{"type":"doc"}',
  '{"format":"text"}',
  '{"format":"rich","doc":{}}',
];
export const evilObject: fc.Arbitrary<unknown> = fc.constantFrom(...EVIL_OBJECT_JSON).map((s) => JSON.parse(s) as unknown);

export const EVIL_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "toJSON", "length", "0", "", " ", "$where", "id", "userId", "role", "version", "deletedAt", "workspaceId", "authorId", "lastSeq"];
export const evilKey: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EVIL_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** Deep nesting, built without recursion. */
export function nested(depth: number, shape: "array" | "object"): unknown {
  let v: unknown = shape === "array" ? [] : {};
  for (let i = 0; i < depth; i++) v = shape === "array" ? [v] : { a: v };
  return v;
}

/** Nesting deeper than JSON.stringify can walk; only over HTTP, spliced in as text. */
const deepRaw: fc.Arbitrary<unknown> = fc.tuple(fc.constantFrom(20_000, 100_000), fc.constantFrom("array", "object") as fc.Arbitrary<"array" | "object">).map(([d, shape]) =>
  shape === "array" ? new RawJson("[".repeat(d) + "]".repeat(d), `[x${d}`) : new RawJson('{"a":'.repeat(d) + "{}" + "}".repeat(d), `{x${d}`),
);

export interface ValueOptions {
  /** Longest string generated, in JSON-encoded bytes. */
  maxHuge: number;
  /** Deepest real nesting (sockets: the client serializes with recursion). */
  maxDepth: number;
  /** Whether RawJson (HTTP only) may appear. */
  raw: boolean;
  /** Whether Buffers (sockets only) may appear. */
  binary: boolean;
}

export const HTTP_VALUES: ValueOptions = { maxHuge: 270_000, maxDepth: 1_000, raw: true, binary: false };
/** Kept well under the socket transport's 256 KB hard limit. */
export const SOCKET_VALUES: ValueOptions = { maxHuge: 150_000, maxDepth: 1_000, raw: false, binary: true };

/** Anything a client could send in place of one field. */
export function nastyValue(o: ValueOptions): fc.Arbitrary<unknown> {
  const depth = fc.tuple(fc.constantFrom(10, 100, 1_000, o.maxDepth), fc.constantFrom("array", "object") as fc.Arbitrary<"array" | "object">).map(([d, s]) => nested(Math.min(d, o.maxDepth), s));
  const arbs: fc.WeightedArbitrary<unknown>[] = [
    { weight: 6, arbitrary: nastyString(o.maxHuge) },
    { weight: 4, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: evilObject },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 2,
      arbitrary: fc.anything({ maxDepth: 2, key: evilKey }).filter((v) => {
        try {
          JSON.stringify(v);
          return true;
        } catch {
          return false;
        }
      }),
    },
    { weight: 1, arbitrary: depth },
    { weight: 1, arbitrary: fc.array(nastyString(1_000), { maxLength: 60 }) },
    { weight: 3, arbitrary: fc.nat().map((i) => new RealId(i)) },
  ];
  if (o.raw) arbs.push({ weight: 1, arbitrary: deepRaw });
  if (o.binary) arbs.push({ weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) });
  return fc.oneof(...arbs);
}

// ---------------------------------------------------------------------------------------------
// Near-valid payloads: one field of a valid payload mutated
// ---------------------------------------------------------------------------------------------

export type Mutation =
  | { op: "replace"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "addKey"; at: number; key: string; value: unknown }
  | { op: "tweak"; at: number; how: number };

export function mutation(o: ValueOptions): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: nastyValue(o) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("addKey" as const), at: fc.nat(), key: evilKey, value: nastyValue(o) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("tweak" as const), at: fc.nat(), how: fc.nat({ max: 11 }) }) },
  );
}

type Path = (string | number)[];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof RawJson) && !(v instanceof RealId) && !Buffer.isBuffer(v);
}

/** Every path in a JSON value, the root first. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (isPlainObject(value)) for (const k of Object.keys(value)) pathsOf(value[k], [...prefix, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Defines an own property, even "__proto__", the way JSON.parse would. */
function defineOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as object;
  defineOwn(parent, path[path.length - 1]!, value);
  return root;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
  else delete (parent as Record<string | number, unknown>)[key];
  return root;
}

/** Small changes that keep a value nearly right: off by one, wrong type, case, padding. */
export function tweak(v: unknown, how: number): unknown {
  if (typeof v === "string") {
    const options = [`${v}x`, v.slice(1), v.toUpperCase(), ` ${v}`, `${v}\u0000`, v + v, Number.isNaN(Number(v)) ? v.length : Number(v), [v], { value: v }, `${v}\ud800`, v.repeat(40), ""];
    return options[how % options.length];
  }
  if (typeof v === "number") {
    const options = [v + 1, v - 1, -v, v * 2 ** 31, v + 0.5, String(v), v === 0 ? -1 : 0, v + 1_000_000, [v], null, true, 2 ** 53];
    return options[how % options.length];
  }
  if (typeof v === "boolean") return [!v, String(v), v ? 1 : 0, null][how % 4];
  if (Array.isArray(v)) {
    const options = [[], [...v, ...v], Array.from({ length: 60 }, () => v[0] ?? null), v[0], [v], { 0: v[0], length: 1 }, [null]];
    return options[how % options.length];
  }
  if (isPlainObject(v)) {
    const options = [{}, [v], JSON.stringify(v), null, { ...v, ...v }, Object.values(v)];
    return options[how % options.length];
  }
  return [0, "", {}, []][how % 4];
}

/** Applies mutations to a deep copy of `valid`. */
export function applyMutations(valid: unknown, mutations: Mutation[]): unknown {
  let root: unknown = valid === undefined ? undefined : structuredClone(valid);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    switch (m.op) {
      case "replace":
        root = setAt(root, path, m.value);
        break;
      case "delete":
        root = deleteAt(root, path);
        break;
      case "tweak":
        root = setAt(root, path, tweak(getAt(root, path), m.how));
        break;
      case "addKey": {
        // The nearest object at or above the path gets the extra key.
        let p = path;
        while (p.length > 0 && !isPlainObject(getAt(root, p))) p = p.slice(0, -1);
        const target = getAt(root, p);
        if (isPlainObject(target)) defineOwn(target, m.key, m.value);
        else root = Object.defineProperty({}, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
        break;
      }
    }
  }
  return root;
}

/**
 * The systematic half of near-valid fuzzing: each of these replaces one field of a valid payload
 * in turn (every path, root included). They are the type confusions that break naive code.
 */
export const SWEEP: { label: string; make: (original: unknown) => unknown }[] = [
  { label: "deleted", make: () => DELETED },
  { label: "null", make: () => null },
  { label: "empty string", make: () => "" },
  { label: "lone surrogate appended", make: (o) => (typeof o === "string" ? `${o}\ud800` : "\udfff") },
  { label: "-1", make: () => -1 },
  { label: "1.5", make: () => 1.5 },
  { label: "2^31", make: () => 2 ** 31 },
  { label: "true", make: () => true },
  { label: "[]", make: () => [] },
  { label: "{}", make: () => ({}) },
  { label: '{"toString":1}', make: () => JSON.parse('{"toString":1,"valueOf":1}') as unknown },
  { label: '{"__proto__":…}', make: () => JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown },
  { label: "10,001 chars", make: (o) => (typeof o === "string" && o.length ? o : "x").repeat(Math.ceil(10_001 / Math.max(1, typeof o === "string" ? o.length : 1))) },
  { label: "nested 500", make: () => nested(500, "array") },
  // Deeper than JSON.stringify can walk (over HTTP only; a socket sends its placeholder text).
  { label: "nested 20,000 (raw JSON)", make: () => new RawJson("[".repeat(20_000) + "]".repeat(20_000), "[x20000") },
];

/** Marks a field to delete in a sweep. */
export const DELETED = Symbol("deleted");

export interface SweepStep {
  path: (string | number)[];
  where: string;
  label: string;
  /** The valid payload with this step's one field replaced. */
  apply(valid: unknown): unknown;
}

/** Every single-field change of a payload shaped like `valid`: one SWEEP value at one path. */
export function sweepSteps(valid: unknown): SweepStep[] {
  return pathsOf(valid).flatMap((path) =>
    SWEEP.map(({ label, make }) => ({
      path,
      where: path.length ? path.join(".") : "(root)",
      label,
      apply(v: unknown) {
        const copy = structuredClone(v);
        const value = make(getAt(copy, path));
        return value === DELETED ? deleteAt(copy, path) : setAt(copy, path, value);
      },
    })),
  );
}

/** Replaces RealId placeholders with ids from `pool`. */
export function resolveIds(value: unknown, pool: string[]): unknown {
  if (value instanceof RealId) return pool.length ? pool[value.index % pool.length] : "no-ids";
  if (Array.isArray(value)) return value.map((v) => resolveIds(v, pool));
  if (isPlainObject(value)) {
    const out = {};
    for (const k of Object.keys(value)) defineOwn(out, k, resolveIds(value[k], pool));
    return out;
  }
  return value;
}

/** JSON text of a value that may hold RawJson (spliced in verbatim). */
export function encodeJson(value: unknown): string | undefined {
  const raws: string[] = [];
  // toJSON runs before a replacer sees the value, so look at the holder's original instead.
  const text = JSON.stringify(value, function (this: unknown, k: string, v: unknown) {
    const original = (this as Record<string, unknown>)[k];
    if (original instanceof RawJson) {
      raws.push(original.json);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  if (text === undefined) return undefined;
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

/** A string for a path segment or query value, whatever the mutated value is. */
export function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof RawJson) return v.json.slice(0, 5_000);
  try {
    return typeof v === "object" && v !== null ? (JSON.stringify(v) ?? "") : String(v);
  } catch {
    return "[unprintable]";
  }
}

// ---------------------------------------------------------------------------------------------
// Path segments, query strings, headers and body encodings
// ---------------------------------------------------------------------------------------------

/** Spliced into the path unencoded. None holds a raw "/", so a fuzzed path never escapes its route. */
export const RAW_SEGMENTS = [
  "..%2F..%2Fauth%2Flogout",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%2e%2e%2f",
  "..%5c..%5c",
  "%",
  "%ZZ",
  "%00",
  "%ED%A0%80",
  "%F0%9F%98%80",
  "%C0%AF",
  "%FF%FE",
  "a%2Fb",
  "%3F",
  "%23",
  "a;b=c",
  "*",
  "~",
  "$",
  "%20",
  "%09",
  "%0d%0aSet-Cookie:%20x=1",
  "é",
  "😀",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "A".repeat(65),
  "A".repeat(8_000),
  ".",
  "..",
];

export type Segment = { raw: string } | { value: unknown };

export const weirdSegment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw) => ({ raw })) },
  { weight: 2, arbitrary: nastyString(8_000).map((value) => ({ value })) },
  { weight: 2, arbitrary: fc.nat().map((i) => ({ value: new RealId(i) })) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map((value) => ({ value })) },
);

export function encodeSegment(seg: Segment, pool: string[]): string {
  if ("raw" in seg) return seg.raw;
  const v = resolveIds(seg.value, pool);
  const text = asText(v);
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be percent-encoded as UTF-8: send their WTF-8 bytes instead.
    return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? "%ED%A0%80" : encodeURIComponent(ch))).join("");
  }
}

/** Extra query text appended to a route's own query. */
export const rawQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "version=1&version=2",
    "after=-1",
    "after=1e3",
    "after=0x10",
    "after=1e400",
    "after=99999999999",
    "after=2147483648",
    "limit=0",
    "limit=1001",
    "limit=1e3",
    "limit=-1",
    "limit=%00",
    "limit=NaN",
    "limit=Infinity",
    "after[]=1",
    "after[a]=1",
    "__proto__[polluted]=1",
    "constructor[prototype][polluted]=1",
    "%=%",
    "&&&",
    "after",
    "after=",
    "=1",
    "version=",
    "version=1.5",
    "version=-0",
    "version=9007199254740993",
    "clientMutationId=short",
    "clientMutationId=%00%00%00%00%00%00%00%00",
    "clientMutationId=valid-client-id-0001",
    `x=${"A".repeat(8_000)}`,
  ),
  fc.dictionary(evilKey, nastyString(2_000), { maxKeys: 3 }).map((d) =>
    Object.entries(d)
      .map(([k, v]) => `${encodeSegment({ value: k }, [])}=${encodeSegment({ value: v }, [])}`)
      .join("&"),
  ),
);

/** How the body travels. "json" is the ordinary way; the rest are ways of getting it wrong. */
export type Encoding =
  | { kind: "json" }
  | { kind: "broken"; how: number }
  | { kind: "contentType"; value: string }
  | { kind: "gzip"; corrupt: boolean }
  | { kind: "contentEncoding"; value: string }
  | { kind: "noBody" }
  | { kind: "bytes"; bytes: Uint8Array };

export const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "application/json; charset=utf-7",
  "application/json; charset=\"utf-8\"",
  "APPLICATION/JSON",
  "application/vnd.api+json",
  "application/json, text/plain",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "*/*",
  ";;;",
  "application/",
  "application/octet-stream",
  "text/html",
];

export const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 14, arbitrary: fc.constant({ kind: "json" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("broken" as const), how: fc.nat({ max: 11 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("contentType" as const), value: fc.constantFrom(...CONTENT_TYPES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("gzip" as const), corrupt: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("contentEncoding" as const), value: fc.constantFrom("br", "deflate", "compress", "identity", "gzip, deflate", "x-unknown", "") }) },
  { weight: 1, arbitrary: fc.constant({ kind: "noBody" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes" as const), bytes: fc.uint8Array({ maxLength: 200 }) }) },
);

/** Ways to break valid JSON text. */
function breakJson(text: string, how: number): string {
  const options = [
    text.slice(0, Math.max(0, Math.floor(text.length / 2))),
    text.replace(/}$/, ",}"),
    text.replace(/"/g, "'"),
    `${text} trailing`,
    `\ufeff${text}`,
    `/* comment */ ${text}`,
    `${text}${text}`,
    text.replace(/:/, ": NaN, \"x\":"),
    text.replace(/^\{/, '{"a":1,"a":'),
    `{"__proto__":{"polluted":1},${text.slice(1)}`,
    "\u0000",
    "[".repeat(10_000),
  ];
  return options[how % options.length]!;
}

export interface Encoded {
  body?: string | Uint8Array;
  contentType: string | null;
  headers: Record<string, string>;
}

export function encodeBody(value: unknown, enc: Encoding): Encoded {
  const text = encodeJson(value);
  switch (enc.kind) {
    case "json":
      return { body: text, contentType: text === undefined ? null : "application/json", headers: {} };
    case "broken":
      return { body: breakJson(text ?? "{}", enc.how), contentType: "application/json", headers: {} };
    case "contentType":
      return { body: text ?? "", contentType: enc.value, headers: {} };
    case "gzip": {
      const zipped = gzipSync(Buffer.from(text ?? "{}"));
      if (enc.corrupt) zipped.fill(0x41, 10, Math.min(zipped.length, 20));
      return { body: new Uint8Array(zipped), contentType: "application/json", headers: { "content-encoding": "gzip" } };
    }
    case "contentEncoding":
      return { body: text ?? "{}", contentType: "application/json", headers: { "content-encoding": enc.value } };
    case "noBody":
      return { body: undefined, contentType: "application/json", headers: {} };
    case "bytes":
      return { body: enc.bytes, contentType: "application/json", headers: {} };
  }
}

/** How the request presents itself: session, CSRF, origin and other headers. */
export type HeaderVariant = { kind: "normal" } | { kind: "noCsrf" } | { kind: "wrongCsrf" } | { kind: "noCookie" } | { kind: "extra"; name: string; value: string } | { kind: "noOrigin" };

export const headerVariant: fc.Arbitrary<HeaderVariant> = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ kind: "normal" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "noCsrf" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "wrongCsrf" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "noCookie" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "noOrigin" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      name: fc.constantFrom("origin", "x-csrf-token", "cookie", "x-request-id", "accept", "x-http-method-override", "x-forwarded-for", "content-length-ish", "accept-encoding", "if-none-match"),
      value: fc.constantFrom(
        "null",
        "http://evil.example",
        "http://localhost:3000/",
        "scholia.sid=s%3Agarbage.sig",
        "scholia.sid=%",
        "scholia.sid=",
        "a".repeat(64),
        "../..",
        "DELETE",
        "text/html",
        "*/*;q=abc",
        "1.2.3.4, 5.6.7.8",
        "0",
        "\t",
        "é",
      ),
    }),
  },
);

export function applyHeaders(call: Call, v: HeaderVariant): Call {
  switch (v.kind) {
    case "normal":
      return call;
    case "noCsrf":
      return { ...call, noCsrf: true };
    case "wrongCsrf":
      return { ...call, headers: { ...call.headers, "x-csrf-token": "A".repeat(43) } };
    case "noCookie":
      return { ...call, noCookie: true };
    case "noOrigin":
      return { ...call, noOrigin: true };
    case "extra": {
      // fetch refuses header values it cannot send (non-Latin-1); those become a plain call.
      if (!/^[\t\x20-\x7e]*$/.test(v.value)) return call;
      return { ...call, headers: { ...call.headers, [v.name]: v.value } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Oracles
// ---------------------------------------------------------------------------------------------

/** The answer is not a 5xx, and the server logged no unhandled error meanwhile. */
export function assertNoServerFault(server: FuzzServer, call: Call, res: Answer): void {
  const logged = server.drainErrors();
  if (res.status >= 500 || logged.length) {
    throw new Error(`server fault: ${res.status} ${res.text.slice(0, 300)}\n  request: ${describeCall(call)}\n  logged: ${logged.join("\n") || "(nothing)"}`);
  }
  // API refusals keep the one error shape: { error: { code, message } }.
  // 431 comes from Node's HTTP parser (URL or headers too long), before any app code runs.
  if (res.status >= 400 && res.status !== 431 && call.method !== "HEAD" && call.path.startsWith("/api")) {
    const err = (res.body as { error?: { code?: unknown; message?: unknown } } | null | undefined)?.error;
    if (typeof err?.code !== "string" || typeof err.message !== "string") {
      throw new Error(`refusal without the error shape: ${res.status} ${res.text.slice(0, 300)}\n  request: ${describeCall(call)}`);
    }
  }
}

/** GET /healthz and /readyz answer 200, and the owner can still read the fixture document. */
export async function assertStillServes(server: FuzzServer, world: FuzzWorld): Promise<void> {
  const probe = fuzzTransport(server.url).anonymous();
  for (const path of ["/healthz", "/readyz"]) {
    const res = await probe.send({ method: "GET", path });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status} after fuzzing`);
  }
  const doc = await world.owner.send({ method: "GET", path: `/api/documents/${world.documentId}` });
  if (doc.status !== 200) throw new Error(`a valid read answered ${doc.status} after fuzzing: ${doc.text.slice(0, 300)}`);
  const me = await world.owner.send({ method: "GET", path: "/api/auth/me" });
  if (me.status !== 200) throw new Error(`GET /api/auth/me answered ${me.status} after fuzzing`);
  const logged = server.drainErrors();
  if (logged.length) throw new Error(`server logged errors:\n${logged.join("\n")}`);
}

/** Object.prototype must come out of the run as it went in. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort()]);
}

// ---------------------------------------------------------------------------------------------
// Run settings
// ---------------------------------------------------------------------------------------------

/** fast-check parameters: FUZZ_SEED / FUZZ_PATH replay a failure, FUZZ_RUNS scales every budget. */
export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
  const scale = Number(process.env.FUZZ_RUNS_SCALE ?? "1");
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  return {
    numRuns: Math.max(1, Math.round(numRuns * scale)),
    ...(seed !== undefined ? { seed } : {}),
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    // Shrinking replays requests against a live server; keep it from eating the whole timeout.
    endOnFailure: process.env.FUZZ_SHRINK !== "1",
    reporter: conciseReport,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** A bounded rendering of a generated value: deep nesting and long strings are cut short. */
export function preview(v: unknown, depth = 0): string {
  if (depth > 6) return "…";
  if (typeof v === "string") return JSON.stringify(clip(v, 200));
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return Object.is(v, -0) ? "-0" : String(v);
  if (v instanceof RawJson) return `<raw ${v.label}>`;
  if (v instanceof RealId) return `<real id #${v.index}>`;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) return `[${v.slice(0, 12).map((x) => preview(x, depth + 1)).join(",")}${v.length > 12 ? ",…" : ""}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    return `{${keys
      .slice(0, 16)
      .map((k) => `${JSON.stringify(k)}:${preview((v as Record<string, unknown>)[k], depth + 1)}`)
      .join(",")}${keys.length > 16 ? ",…" : ""}}`;
  }
  return typeof v;
}

/** fast-check's report, with huge generated values clipped so the failure stays readable. */
function conciseReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ""}`;
  const example = clip(preview(details.counterexample), 2_000);
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`Property failed after ${details.numRuns} run(s); replay with ${replay}\nCause: ${clip(cause, 4_000)}\nCounterexample: ${example}`);
}

// ---------------------------------------------------------------------------------------------
// Discovery: every event in the source, so new ones get fuzzed without editing this (routes
// are read from the running app's router: app-routes.ts)
// ---------------------------------------------------------------------------------------------

/** Event names the socket server listens to: its own `on("…")` calls plus MUTATION_NAMES. */
export function discoverSocketEvents(mutationNames: readonly string[]): string[] {
  const dir = join(ROOT, "server/realtime/handlers");
  const src = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
  const own = [...src.matchAll(/\bon\(\s*"([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== "connection" && n !== "disconnecting");
  return [...new Set([...own, ...mutationNames])];
}
