/**
 * Notifications and webhooks across two node processes sharing PostgreSQL and Redis: a mention
 * made through node 1 reaches the recipient's socket on node 2, and with both nodes' dispatchers
 * polling the same webhook outbox every event is delivered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { startNode, startRedis, type NodeProcess, type RedisProcess } from "../helpers/processes.ts";
import { buildWorld, connected, eventually, httpTransport, type ClientSocket } from "../helpers/kit.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.ts";
import type { NotificationDto } from "../../common/notifications.ts";

let redis: RedisProcess;
let database: TestDatabase;
let receiver: WebhookReceiver;
const nodes: NodeProcess[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  redis = await startRedis();
  receiver = await startWebhookReceiver();
  database = await createTestDatabase();
  if (database.provider !== "postgresql") throw new Error("multi-node tests need TEST_DATABASE_URL (PostgreSQL)");
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, DISPATCH_INTERVAL_MS: "20" };
  nodes.push(await startNode(env));
  nodes.push(await startNode(env));
});
afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const n of nodes.splice(0)) n.kill("SIGKILL");
  await database?.drop();
  await receiver?.close();
  await redis?.stop();
});

describe("two nodes", () => {
  it("push a mention made on node 1 to the recipient's socket on node 2, and deliver each webhook event once", async () => {
    const [n1, n2] = nodes;
    const world = await buildWorld(httpTransport(n1!.url), { members: { Ana: "analyst", Ben: "analyst" } });
    const ben = world.users.Ben.at(n2!.url);
    const socket = ben.connect();
    sockets.push(socket);
    const got: NotificationDto[] = [];
    socket.on("notification", (p) => got.push(p.notification));
    await connected(socket);

    await world.owner.ok("POST", `/api/workspaces/${world.workspaceId}/webhooks`, { url: `${receiver.url}/both`, events: ["annotation.created"] }, [201]);
    const mention = { format: "rich", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Over to you " }, { type: "mention", attrs: { id: ben.id, label: "Ben" } }] }] } };
    const created: string[] = [];
    for (let i = 0; i < 12; i++) {
      const via = (i % 2 === 0 ? world.users.Ana : world.users.Ana.at(n2!.url));
      const { annotation } = await via.ok<{ annotation: { id: string } }>("POST", `/api/documents/${world.documentId}/annotations`, { kind: "comment", body: i === 0 ? mention : `note ${i}`, anchor: world.anchor("three new regional agreements") }, [201]);
      created.push(annotation.id);
    }

    await eventually(() => expect(got.map((n) => [n.kind, n.annotationId])).toEqual([["mention", created[0]]]), 10_000);
    await eventually(() => expect(receiver.requests.filter((r) => r.path === "/both")).toHaveLength(12), 15_000);
    // A later event, made once those arrived, is delivered at a later dispatch tick than any of
    // theirs: once it is in, a duplicate sent with one of them would be too. There is none.
    const { annotation: marker } = await world.users.Ana.ok<{ annotation: { id: string } }>("POST", `/api/documents/${world.documentId}/annotations`, { kind: "comment", body: "marker", anchor: world.anchor("three new regional agreements") }, [201]);
    const deliveredIds = () => receiver.requests.filter((r) => r.path === "/both").map((r) => (JSON.parse(r.raw) as { data: { payload: { annotation: { id: string } } } }).data.payload.annotation.id);
    await eventually(() => expect(deliveredIds()).toContain(marker.id), 15_000);
    expect(deliveredIds().sort()).toEqual([...created, marker.id].sort());
  });
});
