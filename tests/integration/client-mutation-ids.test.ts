/**
 * A clientMutationId names one change: repeating it with the same request is answered with the
 * recorded result (nothing written again); repeating it with a different request (another
 * mutation, another target, another input) is a 409 naming `clientMutationId`, over REST and
 * over sockets, and the second change is not silently dropped as though it had been made.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { buildWorld, connected, mutate, startTestServer, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import type { AnnotationDto } from "../../common/annotations.ts";

let server: TestServer;
let world: World<HttpClient, "Ana" | "Eve">;
const sockets = socketsClosedAfterEach();

beforeAll(async () => {
  server = await startTestServer({ realtime: { burst: 400, perSecond: 400 } });
  world = await buildWorld(server, { members: { Ana: "analyst", Eve: "editor" } });
});
afterAll(async () => {
  await server?.stop();
});

async function open(user: HttpClient): Promise<ClientSocket> {
  const socket = user.connect();
  sockets.push(socket);
  await connected(socket);
  return socket;
}

const REUSED = { code: "client_mutation_id_reused", field: "clientMutationId" };

async function tagNames(): Promise<string[]> {
  return (await server.db.tag.findMany({ where: { workspaceId: world.workspaceId }, select: { name: true } })).map((t) => t.name);
}

describe("a repeated clientMutationId over REST", () => {
  it("with the same request is answered with the recorded result; with another input, 409 and nothing written", async () => {
    const eve = world.users.Eve;
    const clientMutationId = randomUUID();
    const first = await eve.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Sanctions", clientMutationId });
    expect(first.status).toBe(201);
    const again = await eve.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Sanctions", clientMutationId });
    expect(again.status).toBe(201);
    expect(again.headers.get("x-idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);

    const other = await eve.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Tariffs", clientMutationId });
    expect(other.status).toBe(409);
    expect(other.headers.get("x-idempotent-replay")).toBeNull();
    expect((other.body as { error: unknown }).error).toMatchObject(REUSED);
    expect(await tagNames()).toContain("Sanctions");
    expect(await tagNames()).not.toContain("Tariffs");
    // The id is the caller's own: another person's change with it is theirs, made at once.
    const owner = await world.owner.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Tariffs", clientMutationId });
    expect(owner.status).toBe(201);
    expect(owner.headers.get("x-idempotent-replay")).toBeNull();
  });

  it("used for another kind of change, or another target, is a 409", async () => {
    const eve = world.users.Eve;
    const clientMutationId = randomUUID();
    const tag = await eve.ok<{ tag: { id: string; version: number } }>("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Energy", clientMutationId });
    const renamed = await eve.request("PATCH", `/api/tags/${tag.tag.id}`, { version: tag.tag.version, name: "Power", clientMutationId });
    expect(renamed.status).toBe(409);
    expect((renamed.body as { error: unknown }).error).toMatchObject(REUSED);

    const noted = await eve.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${world.documentId}/annotations`, { kind: "comment", body: "First.", anchor: world.anchor("three new regional agreements"), clientMutationId: randomUUID() });
    const second = await eve.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${world.documentId}/annotations`, { kind: "comment", body: "Second.", anchor: world.anchor("three new regional agreements"), clientMutationId: randomUUID() });
    const id = randomUUID();
    const ok = await eve.request("POST", `/api/annotations/${noted.annotation.id}/replies`, { body: "Agreed.", clientMutationId: id });
    expect(ok.status).toBe(201);
    const elsewhere = await eve.request("POST", `/api/annotations/${second.annotation.id}/replies`, { body: "Agreed.", clientMutationId: id });
    expect(elsewhere.status).toBe(409);
    expect((elsewhere.body as { error: unknown }).error).toMatchObject(REUSED);
    expect(await server.db.reply.count({ where: { annotationId: second.annotation.id } })).toBe(0);
  });

  it("annotation creates (written in batches) compare the request too", async () => {
    const ana = world.users.Ana;
    const clientMutationId = randomUUID();
    const body = { kind: "comment", body: "Which agreements?", anchor: world.anchor("three new regional agreements"), clientMutationId };
    const first = await ana.request("POST", `/api/documents/${world.documentId}/annotations`, body);
    expect(first.status).toBe(201);
    const again = await ana.request("POST", `/api/documents/${world.documentId}/annotations`, body);
    expect(again.headers.get("x-idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);
    const changed = await ana.request("POST", `/api/documents/${world.documentId}/annotations`, { ...body, body: "Which treaties?" });
    expect(changed.status).toBe(409);
    expect((changed.body as { error: unknown }).error).toMatchObject(REUSED);
    expect(await server.db.annotation.count({ where: { documentId: world.documentId, authorId: ana.id } })).toBe(1);
  });

  it("a record kept before requests were compared is still answered with its result", async () => {
    const eve = world.users.Eve;
    const clientMutationId = randomUUID();
    const first = await eve.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Fisheries", clientMutationId });
    await server.db.clientMutation.update({ where: { userId_clientMutationId: { userId: eve.id, clientMutationId } }, data: { request: null } });
    const again = await eve.request("POST", `/api/workspaces/${world.workspaceId}/tags`, { name: "Fisheries!", clientMutationId });
    expect(again.headers.get("x-idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);
  });
});

describe("a repeated clientMutationId over sockets", () => {
  it("with the same request is replayed; with another, the ack is a 409 naming clientMutationId", async () => {
    const socket = await open(world.users.Ana);
    const clientMutationId = randomUUID();
    const input = { documentId: world.documentId, kind: "comment" as const, body: "Over the socket.", anchor: world.anchor("confidence-building measures"), clientMutationId };
    const first = await mutate(socket, "annotation:create", input);
    expect(first.ok).toBe(true);
    const again = await mutate(socket, "annotation:create", input);
    expect(again).toMatchObject({ ok: true, replayed: true });
    const annotation = (first as { result: AnnotationDto }).result;

    const update = await mutate(socket, "annotation:update", { annotationId: annotation.id, version: annotation.version, body: "Edited.", clientMutationId });
    expect(update).toMatchObject({ ok: false, error: { status: 409, ...REUSED } });
    expect(JSON.parse((await server.db.annotation.findUniqueOrThrow({ where: { id: annotation.id } })).body)).toMatchObject({ text: "Over the socket." });

    // The same id over REST for the same change is the same request.
    const rest = await world.users.Ana.request("POST", `/api/documents/${world.documentId}/annotations`, { kind: "comment", body: "Over the socket.", anchor: input.anchor, clientMutationId });
    expect(rest.headers.get("x-idempotent-replay")).toBe("true");
  });

  it("two creates with one id and different bodies in the same batch: one is written, the other refused", async () => {
    const socket = await open(world.users.Ana);
    const clientMutationId = randomUUID();
    const anchor = world.anchor("confidence-building measures");
    const [a, b] = await Promise.all([
      mutate(socket, "annotation:create", { documentId: world.documentId, kind: "comment", body: "One.", anchor, clientMutationId }),
      mutate(socket, "annotation:create", { documentId: world.documentId, kind: "comment", body: "Two.", anchor, clientMutationId }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { status: 409, ...REUSED } });
    const written = await server.db.annotation.findMany({ where: { documentId: world.documentId, body: { contains: "One." } } });
    expect(written).toHaveLength(1);
    expect(await server.db.annotation.count({ where: { documentId: world.documentId, body: { contains: "Two." } } })).toBe(0);
  });
});
