import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, eventually, startTestServer, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import { mutate, openJoined as joinAs } from "../helpers/realtime-client.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ClaimUpdateDto } from "../../common/review.ts";

let server: TestServer;
let doc: World<HttpClient, "Ana" | "Eve">;
const sockets = socketsClosedAfterEach();

const openJoined = (user: HttpClient) => joinAs(user, doc.documentId, sockets);
const anchorOn = (text: string) => doc.anchor(text);

beforeAll(async () => {
  server = await startTestServer({ realtime: { burst: 200, perSecond: 200 } });
  doc = await buildWorld(server, { members: { Ana: "analyst", Eve: "editor" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("claim review is live", () => {
  it("sends reviews, assignments and bulk changes to every open browser through the event log", async () => {
    const ana = await openJoined(doc.users.Ana);
    const eve = await openJoined(doc.users.Eve);
    const created = (await mutate(ana.socket, "annotation:create", { documentId: doc.documentId, kind: "claim", body: "Sourced?", anchor: anchorOn("three new regional agreements") })) as { ok: true; result: AnnotationDto };
    const id = created.result.id;

    const reviewed = await mutate(eve.socket, "claim:review", { annotationId: id, version: 1, status: "unverifiable", rationale: "No public data." });
    expect(reviewed.ok).toBe(true);
    const assigned = await mutate(eve.socket, "claim:assign", { annotationId: id, version: 2, assigneeId: doc.users.Eve.id });
    expect(assigned.ok).toBe(true);
    // Ana wrote the claim but is neither an editor nor its assignee: she may not reopen a verdict.
    const refused = await mutate(ana.socket, "claim:review", { annotationId: id, version: 3, status: "open" });
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });
    const bulk = await mutate(eve.socket, "claims:bulk", { documentId: doc.documentId, annotationIds: [id], action: "setStatus", status: "open" });
    expect(bulk).toMatchObject({ ok: true, result: { annotationIds: [id] } });

    await eventually(() => expect(ana.feed.ofType("claim.reviewed")).toHaveLength(2));
    await eventually(() => expect(ana.feed.ofType("claim.assigned")).toHaveLength(1));
    const [first, second] = ana.feed.ofType("claim.reviewed").map((e) => e.payload as ClaimUpdateDto);
    expect(first!.claim).toMatchObject({ status: "unverifiable", rationale: "No public data.", reviewerId: doc.users.Eve.id });
    expect(second!.change).toMatchObject({ fromStatus: "unverifiable", toStatus: "open" });
    await eventually(() => expect(eve.feed.lastSeq).toBe(ana.feed.lastSeq));
  });
});
