/**
 * Fuzzes every REST route: near-valid requests (a valid request from real ids with one field,
 * path parameter or query value mutated), fully random bodies, broken JSON, wrong content
 * types and encodings, odd headers, every role and outsiders. Each answer must be < 500 within
 * the deadline, with nothing logged as an unhandled error, and afterwards the server serves.
 *
 * Destructive routes act on targets made fresh for each run, and the run's id pool leaves the
 * fixture's own ids of that kind out, so the fixture survives for the other routes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ARTICLE,
  HTTP_VALUES,
  applyHeaders,
  applyMutations,
  assertNoServerFault,
  assertStillServes,
  buildFuzzWorld,
  encodeBody,
  encodeJson,
  sweepSteps,
  encodeSegment,
  encoding,
  freshAnnotation,
  freshDocument,
  freshInvite,
  freshReply,
  freshTag,
  fuzzParams,
  clientOf,
  fuzzTransport,
  headerVariant,
  mutation,
  nastyValue,
  prototypeSnapshot,
  rawQuery,
  resolveIds,
  restoreMembers,
  richDoc,
  anchorIn,
  hex,
  type FixtureIds,
  weirdSegment,
  type ActorName,
  type Encoding,
  type FuzzServer,
  type HeaderVariant,
  type Mutation,
  type Segment,
  type FuzzWorld,
  startFuzzServer,
  asText,
} from "../helpers/fuzz-kit.ts";
import type { Call, HttpClient } from "../helpers/kit.ts";
import { declaredRoutes } from "../helpers/app-routes.ts";

let server: FuzzServer;
let world: FuzzWorld;
/** A session the auth routes may sign out, switch and sign in again. */
let authClient: HttpClient;
let docxBase64 = "";
const prototypeBefore = prototypeSnapshot();

type Kind = "workspace" | "document" | "paragraph" | "annotation" | "reply" | "tag" | "invite" | "user";

interface Route {
  method: string;
  path: string;
  /** Fresh targets for this run (destructive routes). */
  prepare?: () => Promise<FixtureIds>;
  params?: (ids: FixtureIds) => Record<string, string>;
  /** Valid bodies; a run starts from one of them. */
  bodies?: (ids: FixtureIds) => unknown[];
  query?: (ids: FixtureIds) => Record<string, string>;
  /** Kinds of fixture ids this route may destroy: left out of the run's id pool. */
  destroys?: Kind[];
  restore?: () => Promise<void>;
  actors?: ActorName[];
  runs?: number;
  /** How many of the valid bodies the sweep covers (default 1; more when they differ in kind). */
  sweepBodies?: number;
}

function anchors() {
  const withText = world.paragraphs.filter((p) => p.text.trim().length > 10);
  const first = withText[1]!;
  const last = withText[2]!;
  return {
    single: anchorIn(world, 0),
    multi: { start: { paragraphId: first.id, offset: 4 }, end: { paragraphId: last.id, offset: 8 } },
  };
}

const WS = () => ({ id: world.workspaceId });

/** Every REST route, with what a valid request to it looks like. */
const ROUTES: Route[] = [
  // health
  { method: "GET", path: "/healthz", runs: 15 },
  { method: "GET", path: "/readyz", runs: 15 },

  // auth (own property below: they change sessions)

  // workspaces
  { method: "POST", path: "/api/workspaces", bodies: () => [{ name: "Desk" }, { name: "  Spaced  " }] },
  { method: "GET", path: "/api/workspaces", runs: 30 },
  { method: "GET", path: "/api/workspaces/:id", params: WS },
  { method: "PATCH", path: "/api/workspaces/:id", params: WS, bodies: () => [{ name: "Fuzz desk" }] },
  { method: "GET", path: "/api/workspaces/:id/members", params: WS },
  {
    method: "PATCH",
    path: "/api/workspaces/:id/members/:userId",
    params: () => ({ id: world.workspaceId, userId: world.members.mo.id }),
    bodies: () => [{ role: "viewer" }, { role: "editor" }, { role: "owner" }],
    restore: () => restoreMembers(world),
    runs: 50,
  },
  {
    method: "DELETE",
    path: "/api/workspaces/:id/members/:userId",
    params: () => ({ id: world.workspaceId, userId: world.members.mo.id }),
    restore: () => restoreMembers(world),
    runs: 50,
  },
  { method: "POST", path: "/api/workspaces/:id/invites", params: WS, bodies: () => [{ role: "viewer" }, { role: "owner" }, { role: "analyst" }] },
  { method: "GET", path: "/api/workspaces/:id/invites", params: WS },
  {
    method: "DELETE",
    path: "/api/workspaces/:id/invites/:inviteId",
    prepare: async () => ({ inviteId: (await freshInvite(world)).id }),
    params: (ids) => ({ id: world.workspaceId, inviteId: ids.inviteId! }),
    destroys: ["invite"],
  },
  { method: "GET", path: "/api/invites/:token", params: () => ({ token: world.inviteToken }) },
  {
    method: "POST",
    path: "/api/invites/:token/accept",
    prepare: async () => ({ token: (await freshInvite(world)).token }),
    params: (ids) => ({ token: ids.token! }),
    destroys: ["invite"],
    restore: () => restoreMembers(world),
    actors: ["stranger", "stranger", "owner", "vic", "anon"],
    runs: 50,
  },

  // documents (the import route's multipart side is in import.test.ts)
  {
    method: "POST",
    path: "/api/workspaces/:id/documents",
    params: WS,
    bodies: () => [
      { format: "txt", content: ARTICLE, title: "Imported" },
      { format: "md", content: "# Heading\n\nA *paragraph* with [a link](https://example.org).\n\n- item\n- item two" },
      { format: "html", content: "<h1>Title</h1><p>Body <b>bold</b> <a href='https://e.org'>link</a></p><ul><li>x</li></ul>" },
      { format: "docx", content: docxBase64, title: "Word" },
    ],
    runs: 70,
  },
  { method: "GET", path: "/api/workspaces/:id/documents", params: WS },
  { method: "GET", path: "/api/documents/:id", params: () => ({ id: world.documentId }) },
  {
    method: "DELETE",
    path: "/api/documents/:id",
    prepare: async () => ({ documentId: await freshDocument(world) }),
    params: (ids) => ({ id: ids.documentId! }),
    destroys: ["document", "paragraph", "annotation", "reply"],
    runs: 40,
  },

  // annotations, replies, tags, events
  { method: "GET", path: "/api/documents/:id/annotations", params: () => ({ id: world.documentId }), runs: 30 },
  {
    method: "POST",
    path: "/api/documents/:id/annotations",
    prepare: async () => ({ cmid: `cm-${hex()}-${hex()}` }),
    params: () => ({ id: world.documentId }),
    bodies: (ids) => {
      const a = anchors();
      return [
        { kind: "comment", body: "A plain comment", anchor: a.single, tagIds: [world.tagId], clientMutationId: ids.cmid },
        { kind: "claim", body: { format: "rich", doc: richDoc({ id: world.members.ana.id, label: "ana" }) }, anchor: a.multi },
        { kind: "highlight", body: { format: "text", text: "marked" }, anchor: a.single, tagIds: [world.tagId, world.tag2Id] },
      ];
    },
    runs: 80,
    sweepBodies: 2,
  },
  {
    method: "PATCH",
    path: "/api/annotations/:id",
    prepare: async () => ({ annotationId: await freshAnnotation(world), cmid: `cm-${hex()}-${hex()}` }),
    params: (ids) => ({ id: ids.annotationId! }),
    bodies: (ids) => [
      { version: 1, body: "Edited", clientMutationId: ids.cmid },
      { version: 1, kind: "comment", tagIds: [world.tagId] },
      { version: 1, body: { format: "rich", doc: richDoc({ id: world.owner.id, label: "Owner" }) } },
    ],
    destroys: ["annotation"],
    runs: 80,
  },
  {
    method: "DELETE",
    path: "/api/annotations/:id",
    prepare: async () => ({ annotationId: await freshAnnotation(world) }),
    params: (ids) => ({ id: ids.annotationId! }),
    query: () => ({ version: "1", clientMutationId: `cm-${hex()}-${hex()}` }),
    destroys: ["annotation", "reply"],
    runs: 50,
  },
  {
    method: "POST",
    path: "/api/annotations/:id/replies",
    params: () => ({ id: world.annotationId }),
    bodies: () => [
      { body: { format: "rich", doc: richDoc({ id: world.members.ana.id, label: "ana" }) }, stance: "supports", parentId: world.replyId },
      { body: "I disagree", stance: "disputes" },
      { body: { format: "text", text: "plain" } },
    ],
    runs: 50,
  },
  {
    method: "PATCH",
    path: "/api/replies/:id",
    prepare: async () => ({ replyId: await freshReply(world, world.annotationId) }),
    params: (ids) => ({ id: ids.replyId! }),
    bodies: () => [{ version: 1, body: "changed", stance: "questions" }, { version: 1, body: { format: "rich", doc: richDoc({ id: world.members.eve.id, label: "eve" }) } }],
    destroys: ["reply"],
    runs: 60,
  },
  {
    method: "DELETE",
    path: "/api/replies/:id",
    prepare: async () => ({ replyId: await freshReply(world, world.annotationId) }),
    params: (ids) => ({ id: ids.replyId! }),
    query: () => ({ version: "1" }),
    destroys: ["reply"],
    runs: 40,
  },
  { method: "GET", path: "/api/workspaces/:id/tags", params: WS, runs: 30 },
  {
    method: "POST",
    path: "/api/workspaces/:id/tags",
    prepare: async () => ({ name: `Tag ${hex()}` }),
    params: WS,
    bodies: (ids) => [{ name: ids.name, parentId: world.tagId, color: "#12ab9f", description: "A tag" }, { name: ids.name }],
    runs: 60,
  },
  {
    method: "PATCH",
    path: "/api/tags/:id",
    prepare: async () => ({ tagId: await freshTag(world), name: `Renamed ${hex()}` }),
    params: (ids) => ({ id: ids.tagId! }),
    bodies: (ids) => [
      { version: 1, name: ids.name, parentId: world.tagId, color: "#000000", description: "d", archived: false },
      { version: 1, archived: true },
      { version: 1, parentId: null },
    ],
    destroys: ["tag"],
    runs: 60,
  },
  {
    method: "POST",
    path: "/api/tags/:id/merge",
    prepare: async () => ({ tagId: await freshTag(world), intoTagId: await freshTag(world) }),
    params: (ids) => ({ id: ids.tagId! }),
    bodies: (ids) => [{ intoTagId: ids.intoTagId, clientMutationId: `cm-${hex()}-${hex()}` }],
    destroys: ["tag"],
    runs: 50,
  },
  { method: "GET", path: "/api/documents/:id/events", params: () => ({ id: world.documentId }), query: () => ({ after: "0", limit: "10" }), runs: 50 },
];

/** The auth routes change the session they run in; they use authClient and repair it after. */
const AUTH_ROUTES: Route[] = [
  { method: "GET", path: "/api/auth/csrf", runs: 20 },
  {
    method: "POST",
    path: "/api/auth/register",
    prepare: async () => ({ email: `fz-${hex()}@example.org` }),
    bodies: (ids) => [{ email: ids.email, password: "correct horse battery", displayName: "Fuzzy" }],
    runs: 50,
  },
  { method: "POST", path: "/api/auth/login", bodies: () => [{ email: authClient.email, password: authClient.password }], runs: 50 },
  { method: "POST", path: "/api/auth/logout", runs: 25 },
  { method: "GET", path: "/api/auth/me", runs: 20 },
];

/** Every fixture id, tagged with its kind, for mutations that swap in "another real id". */
function fixtureIds(): [Kind, string][] {
  return [
    ["workspace", world.workspaceId],
    ["document", world.documentId],
    ...world.paragraphs.slice(0, 3).map((p) => ["paragraph", p.id] as [Kind, string]),
    ["annotation", world.annotationId],
    ["reply", world.replyId],
    ["tag", world.tagId],
    ["tag", world.tag2Id],
    ["invite", world.inviteId],
    ["user", world.owner.id],
    ["user", world.members.ana.id],
    ["user", world.stranger.id],
  ];
}

function poolFor(route: Route, ids: FixtureIds): string[] {
  const banned = new Set(route.destroys ?? []);
  return [...fixtureIds().filter(([k]) => !banned.has(k)).map(([, id]) => id), ...Object.values(ids)];
}

interface HttpCase {
  actor: ActorName;
  variant: number;
  target: "body" | "params" | "query" | "random" | "valid";
  mutations: Mutation[];
  segment: Segment;
  segmentAt: number;
  random: unknown;
  query: string;
  encoding: Encoding;
  headers: HeaderVariant;
}

const DEFAULT_ACTORS: ActorName[] = ["owner", "owner", "owner", "owner", "owner", "eve", "ana", "vic", "stranger", "anon"];

function httpCase(route: Route): fc.Arbitrary<HttpCase> {
  const hasParams = route.path.includes(":");
  const targets: HttpCase["target"][] = [
    ...(route.bodies ? (["body", "body", "body", "body"] as const) : []),
    ...(hasParams ? (["params", "params"] as const) : []),
    "query",
    "random",
    "valid",
  ];
  return fc.record({
    actor: fc.constantFrom(...(route.actors ?? DEFAULT_ACTORS)),
    variant: fc.nat(),
    target: fc.constantFrom(...targets),
    mutations: fc.array(mutation(HTTP_VALUES), { minLength: 1, maxLength: 2 }),
    segment: weirdSegment,
    segmentAt: fc.nat(),
    random: nastyValue(HTTP_VALUES),
    query: rawQuery,
    encoding,
    headers: headerVariant,
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function pathWith(route: Route, segments: Record<string, string>, query: unknown, extraQuery: string, pool: string[]): string {
  const qs = isRecord(query)
    ? Object.entries(query).map(([k, v]) => `${encodeSegment({ value: k }, pool)}=${encodeSegment({ value: asText(v) }, pool)}`)
    : [encodeSegment({ value: query }, pool)];
  if (extraQuery) qs.push(extraQuery);
  return route.path.replace(/:(\w+)/g, (_m, k: string) => segments[k] ?? "") + (qs.length ? `?${qs.join("&")}` : "");
}

/**
 * The systematic pass: each field of each valid body (and query) replaced in turn by each SWEEP
 * value, sent as the owner. Fresh targets are made again after any success.
 */
async function sweepRoute(route: Route, client: HttpClient, after?: () => Promise<void>): Promise<number> {
  let ids = route.prepare ? await route.prepare() : {};
  const firstBodies = route.bodies?.(ids) ?? [];
  const targets: { kind: "body" | "query"; variant: number }[] = [
    ...firstBodies.map((_b, variant) => ({ kind: "body" as const, variant })).slice(0, route.sweepBodies ?? 1),
    ...(route.query ? [{ kind: "query" as const, variant: 0 }] : []),
  ];
  let sent = 0;
  for (const target of targets) {
    const shape = target.kind === "body" ? firstBodies[target.variant] : route.query!(ids);
    for (const step of sweepSteps(shape)) {
      const valid = target.kind === "body" ? route.bodies!(ids)[target.variant] : route.query!(ids);
      const changed = step.apply(valid);
      const segments = Object.fromEntries(Object.entries(route.params?.(ids) ?? {}).map(([k, v]) => [k, encodeURIComponent(v)]));
      const body = target.kind === "body" ? changed : route.bodies?.(ids)[0];
      const query = target.kind === "query" ? changed : (route.query?.(ids) ?? {});
      const text = body === undefined ? undefined : encodeJson(body);
      const call: Call = { method: route.method, path: pathWith(route, segments, query, "", []), body: text, contentType: text === undefined ? null : "application/json" };
      const res = await client.send(call);
      sent++;
      try {
        assertNoServerFault(server, call, res);
      } catch (e) {
        throw new Error(`sweep of ${target.kind} variant ${target.variant}: ${step.where} := ${step.label}\n${(e as Error).message}`);
      }
      if (res.status < 300) {
        await route.restore?.();
        await after?.();
        if (route.prepare) ids = await route.prepare();
      }
    }
  }
  return sent;
}

/** Builds the request for one case, sends it as `client`, and checks the answer. */
async function runCase(route: Route, c: HttpCase, client: HttpClient): Promise<void> {
  const ids = route.prepare ? await route.prepare() : {};
  const pool = poolFor(route, ids);
  const segments: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.params?.(ids) ?? {})) segments[k] = encodeURIComponent(v);
  const bodies = route.bodies?.(ids) ?? [undefined];
  let body: unknown = bodies[c.variant % bodies.length];
  let query: unknown = route.query?.(ids) ?? {};
  let extraQuery = "";

  switch (c.target) {
    case "body":
      body = applyMutations(body ?? {}, c.mutations);
      break;
    case "params": {
      const keys = Object.keys(segments);
      segments[keys[c.segmentAt % keys.length]!] = encodeSegment(c.segment, pool);
      break;
    }
    case "query":
      query = applyMutations(query, c.mutations);
      extraQuery = c.query;
      break;
    case "random":
      body = c.random;
      break;
    case "valid":
      break;
  }
  body = resolveIds(body, pool);
  query = resolveIds(query, pool);

  const path = pathWith(route, segments, query, extraQuery, pool);
  const bodyless = route.method === "GET" || route.method === "HEAD";
  const enc = bodyless || (body === undefined && c.target !== "random") ? { body: undefined, contentType: null, headers: {} } : encodeBody(body, c.encoding);
  const call: Call = applyHeaders({ method: route.method, path, body: enc.body, contentType: enc.contentType, headers: enc.headers }, c.headers);
  const res = await client.send(call);
  assertNoServerFault(server, call, res);
  // Only a success can have changed what restore() puts back.
  if (res.status < 300) await route.restore?.();
}

beforeAll(async () => {
  server = await startFuzzServer();
  world = await buildFuzzWorld(server.url);
  authClient = await fuzzTransport(server.url).signUp({ displayName: "Auth" });
  const { Document, Packer, Paragraph, TextRun, HeadingLevel } = await import("docx");
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "A Word title", heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: "Body text, ", bold: true }), new TextRun("more body.")] }),
        ],
      },
    ],
  });
  docxBase64 = (await Packer.toBuffer(doc)).toString("base64");
}, 60_000);

afterEach(async () => {
  if (server && world) await assertStillServes(server, world);
});

afterAll(async () => {
  await server?.stop();
});

describe("REST fuzz: every route answers < 500, never hangs, and the server keeps serving", () => {
  it("the route table covers every route the server declares", () => {
    const declared = declaredRoutes(server.app).map((r) => `${r.method} ${r.path}`);
    const tabled = [...ROUTES, ...AUTH_ROUTES].map((r) => `${r.method} ${r.path}`);
    expect(declared.length).toBeGreaterThanOrEqual(36);
    // Routes in the table must still exist (a stale table fuzzes 404s and proves nothing).
    expect(tabled.filter((t) => !declared.includes(t))).toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      await sweepRoute(route, world.owner);
      await fc.assert(
        fc.asyncProperty(httpCase(route), (c) => runCase(route, c, clientOf(world, c.actor))),
        fuzzParams(route.runs ?? 40),
      );
    }, 90_000);
  }

  for (const route of AUTH_ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      const anon = fuzzTransport(server.url).anonymous();
      const repair = async () => {
        const me = await authClient.send({ method: "GET", path: "/api/auth/me" });
        if (me.status !== 200 || (me.body as { user?: { id?: string } }).user?.id !== authClient.id) await authClient.login();
      };
      await sweepRoute(route, authClient, repair);
      await repair();
      await fc.assert(
        fc.asyncProperty(httpCase(route), fc.boolean(), async (c, signedIn) => {
          await runCase(route, c, signedIn ? authClient : anon);
          // Put the auth session back as it was: signed in as authClient's user.
          await repair();
        }),
        fuzzParams(route.runs ?? 30),
      );
    }, 90_000);
  }

  it("routes the server declares beyond the table get random payloads too", async () => {
    const tabled = new Set([...ROUTES, ...AUTH_ROUTES].map((r) => `${r.method} ${r.path}`));
    const extra = declaredRoutes(server.app).filter((r) => !tabled.has(`${r.method} ${r.path}`));
    if (extra.length === 0) return;
    // A world of its own: these routes may destroy anything.
    const spare = await buildFuzzWorld(server.url);
    const ids = [spare.workspaceId, spare.documentId, spare.annotationId, spare.replyId, spare.tagId, spare.inviteId, spare.members.ana.id, ...spare.paragraphs.map((p) => p.id)];
    for (const r of extra) {
      const route: Route = {
        method: r.method,
        path: r.path,
        params: () => Object.fromEntries([...r.path.matchAll(/:(\w+)/g)].map((m, i) => [m[1]!, ids[i % ids.length]!])),
        bodies: () => [{}],
      };
      await fc.assert(
        fc.asyncProperty(httpCase(route), (c) => runCase(route, c, c.actor === "anon" ? spare.anon : c.actor === "stranger" ? spare.stranger : spare.owner)),
        fuzzParams(30),
      );
    }
  }, 90_000);

  it("unknown paths and methods are refused cleanly", async () => {
    const words = ["api", "auth", "workspaces", "documents", "annotations", "replies", "tags", "invites", "events", "members", "merge", "healthz", "socket.io", "assets", "x", "..%2F", "%00"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND", "PURGE"),
        fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(world.documentId, world.workspaceId), weirdSegment.map((s) => encodeSegment(s, []))), { minLength: 1, maxLength: 5 }),
        rawQuery,
        fc.option(nastyValue(HTTP_VALUES), { nil: undefined }),
        async (method, segments, query, body) => {
          const path = `/${segments.join("/")}${query ? `?${query}` : ""}`;
          const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
          const call: Call = { method, path, body: withBody ? encodeBody(body, { kind: "json" }).body : undefined, contentType: withBody ? "application/json" : null };
          const res = await authClient.send(call);
          assertNoServerFault(server, call, res);
          const me = await authClient.send({ method: "GET", path: "/api/auth/me" });
          if (me.status !== 200) await authClient.login();
        },
      ),
      fuzzParams(60),
    );
  }, 90_000);

  it("leaves Object.prototype untouched", () => {
    expect(prototypeSnapshot()).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
