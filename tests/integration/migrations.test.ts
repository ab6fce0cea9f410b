import { afterEach, describe, expect, it } from "vitest";
import { migrate, listMigrations } from "../../server/db/migrator.ts";
import { openDb, providerOf, type Db } from "../../server/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { newId } from "../../server/lib/ids.ts";

let database: TestDatabase | null = null;
let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  await database?.drop();
  db = null;
  database = null;
});

describe("migrator", () => {
  it("applies every migration once, even when two starts race, and records checksums", async () => {
    database = await createTestDatabase();
    const all = listMigrations(providerOf(database.url));
    expect(all.length).toBeGreaterThan(0);
    const [a, b] = await Promise.all([migrate(database.url), migrate(database.url)]);
    expect(a.applied.length + b.applied.length).toBe(all.length);
    expect(a.alreadyApplied + b.alreadyApplied).toBe(all.length);
    const again = await migrate(database.url);
    expect(again).toEqual({ applied: [], alreadyApplied: all.length });
  });

  it("leaves a schema in which the client writes and reads every model", async () => {
    database = await createTestDatabase();
    await migrate(database.url);
    db = await openDb(database.url);
    const user = await db.user.create({ data: { id: newId("u"), email: "m@x.org", displayName: "M", passwordHash: "h" } });
    const ws = await db.workspace.create({ data: { id: newId("w"), name: "W" } });
    await db.membership.create({ data: { id: newId("m"), workspaceId: ws.id, userId: user.id, role: "owner" } });
    await db.invite.create({ data: { id: newId("i"), workspaceId: ws.id, tokenHash: "t", role: "viewer", createdById: user.id, expiresAt: new Date() } });
    await db.session.create({ data: { sid: "s", data: "{}", expiresAt: new Date() } });
    const doc = await db.document.create({ data: { id: newId("d"), workspaceId: ws.id, title: "T", format: "txt", metadata: "{}" } });
    const para = await db.paragraph.create({ data: { id: newId("p"), documentId: doc.id, position: 0, kind: "paragraph", text: "Hello “world” — ??a" } });
    await db.documentVersion.create({ data: { id: newId("v"), documentId: doc.id, number: 1, changes: '{"kind":"import"}' } });
    await db.paragraphRevision.create({ data: { id: newId("pr"), documentId: doc.id, paragraphId: para.id, docVersion: 1, paragraphVersion: 1, rank: "00001024", kind: "paragraph", text: "Hello" } });
    await db.documentEvent.create({ data: { id: newId("e"), documentId: doc.id, workspaceId: ws.id, seq: 1, type: "x", payload: "{}" } });
    await db.workspaceEvent.create({ data: { id: newId("we"), workspaceId: ws.id, seq: 1, type: "x", payload: "{}", actorId: user.id } });
    await db.clientMutation.create({ data: { userId: user.id, clientMutationId: "c1", result: "{}" } });
    const tag = await db.tag.create({ data: { id: newId("t"), workspaceId: ws.id, name: "Region", color: "#336699" } });
    const ann = await db.annotation.create({
      data: {
        id: newId("a"), documentId: doc.id, authorId: user.id, kind: "claim", body: JSON.stringify({ format: "text", text: "check the quarterly figure" }),
        startPid: para.id, startOffset: 0, endPid: para.id, endOffset: 5, quote: "Hello", prefix: "", suffix: " “world", docVersion: 1,
      },
    });
    await db.annotationTag.create({ data: { annotationId: ann.id, tagId: tag.id } });
    await db.reply.create({ data: { id: newId("r"), annotationId: ann.id, authorId: user.id, body: "{}", stance: "supports" } });
    await db.anchorRevision.create({ data: { annotationId: ann.id, docVersion: 1, startPid: para.id, startOffset: 0, endPid: para.id, endOffset: 5, quote: "Hello", prefix: "", suffix: "", anchorState: "anchored", confidence: 1 } });
    await db.suggestion.create({ data: { annotationId: ann.id, replacement: "Hi" } });
    await db.claimReview.create({ data: { annotationId: ann.id } });
    await db.notification.create({ data: { id: newId("n"), userId: user.id, workspaceId: ws.id, documentId: doc.id, annotationId: ann.id, kind: "mention", sourceEvent: `d.${doc.id}.1`, payload: "{}" } });
    await db.notificationSettings.create({ data: { userId: user.id, kinds: "{}", email: "digest" } });
    await db.emailOutbox.create({ data: { id: newId("em"), userId: user.id, kind: "digest", nextAttemptAt: new Date() } });
    const hook = await db.webhook.create({ data: { id: newId("wh"), workspaceId: ws.id, url: "https://example.org/hook", events: "[]", secret: "s" } });
    await db.webhookDelivery.create({ data: { id: newId("dl"), webhookId: hook.id, workspaceId: ws.id, eventId: "test.1", type: "webhook.test", body: "{}" } });
    // one notification per person per event
    await expect(db.notification.create({ data: { id: newId("n"), userId: user.id, workspaceId: ws.id, kind: "reply", sourceEvent: `d.${doc.id}.1`, payload: "{}" } })).rejects.toThrow();

    const read = await db.annotation.findUniqueOrThrow({ where: { id: ann.id }, include: { tags: true, replies: true, review: true } });
    expect(read.tags).toHaveLength(1);
    expect(read.replies[0]!.stance).toBe("supports");
    expect(read.review!.status).toBe("open");
    expect((await db.paragraph.findUniqueOrThrow({ where: { id: para.id } })).text).toBe("Hello “world” — ??a");
    // the per-document seq is unique
    await expect(db.documentEvent.create({ data: { id: newId("e"), documentId: doc.id, workspaceId: ws.id, seq: 1, type: "x", payload: "{}" } })).rejects.toThrow();
    // the search index follows the rows it indexes, through the triggers the migration installs
    const indexed = await db.$queryRawUnsafe<Array<{ kind: string; entityId: string }>>(`SELECT "kind", "entityId" FROM "SearchDoc" ORDER BY "kind"`);
    expect(indexed).toEqual([
      { kind: "annotation", entityId: ann.id },
      { kind: "paragraph", entityId: para.id },
      { kind: "tag", entityId: tag.id },
    ]);
    await db.annotation.update({ where: { id: ann.id }, data: { deletedAt: new Date() } });
    await db.document.delete({ where: { id: doc.id } });
    expect(await db.$queryRawUnsafe<Array<{ kind: string }>>(`SELECT "kind" FROM "SearchDoc" ORDER BY "kind"`)).toEqual([{ kind: "tag" }]);
  });
});
