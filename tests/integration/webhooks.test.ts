/**
 * Workspace webhooks end to end: editors manage them (through the registry, so the audit log
 * shows it, never with the secret); deliveries reach a receiver on loopback signed with the
 * secret, retried after a 500 and not after a 400; test and redeliver; the delivery log; bad
 * input named; and, when private addresses are not allowed, internal destinations refused when a
 * webhook is saved and again at delivery, after DNS, so a name that later resolves to loopback
 * gets nothing. Claims of the outbox are exclusive across concurrent claimers.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appTransport, buildTestApp, buildWorld, eventually, httpTransport, pause, startTestServer, type AppClient, type HttpClient, type TestApp, type TestServer, type World } from "../helpers/kit.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { AuditPageDto } from "../../common/activity.ts";
import type { WebhookBody, WebhookCreatedDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto } from "../../common/webhooks.ts";
import { WebhookDispatcher } from "../../server/modules/webhooks/webhook-dispatcher.ts";
import { deliver } from "../../server/modules/webhooks/deliver.ts";
import { isPublicAddress } from "../../server/modules/webhooks/address-guard.ts";
import { claimDue } from "../../server/modules/outbox/claim.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { newId } from "../../server/lib/ids.ts";

let server: TestServer;
let receiver: WebhookReceiver;
let world: World<HttpClient, "Ana" | "Eve" | "Ed">;

const hooks = (ws = world.workspaceId) => `/api/workspaces/${ws}/webhooks`;

async function createHook(path: string, events: string[], by: HttpClient = world.users.Eve): Promise<WebhookCreatedDto> {
  return by.ok<WebhookCreatedDto>("POST", hooks(), { url: `${receiver.url}${path}`, events, description: `receiver ${path}` }, [201]);
}

const deliveries = async (id: string) => (await world.users.Eve.ok<WebhookDeliveryPageDto>("GET", `${hooks()}/${id}/deliveries`)).deliveries;
const at = (path: string) => receiver.requests.filter((r) => r.path === path);

async function annotate(by: HttpClient, quote: string, kind = "comment"): Promise<AnnotationDto> {
  const { annotation } = await by.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${world.documentId}/annotations`, { kind, body: "A note", anchor: world.anchor(quote) }, [201]);
  return annotation;
}

const DISPATCH_INTERVAL_MS = 50;
const RETRY_BASE_MS = 100;
/** A first retry is due after at most 1.1 × the base (its jitter), and is sent at the next dispatch tick. */
const FIRST_RETRY_WITHIN_MS = RETRY_BASE_MS * 1.1 + DISPATCH_INTERVAL_MS * 2;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer({
    env: { WEBHOOK_ALLOW_PRIVATE: "true", DISPATCH_INTERVAL_MS: String(DISPATCH_INTERVAL_MS), WEBHOOK_RETRY_BASE_SECONDS: String(RETRY_BASE_MS / 1000), WEBHOOK_MAX_ATTEMPTS: "3" },
  });
  world = await buildWorld(httpTransport(server.url), { members: { Ana: "analyst", Eve: "editor", Ed: "editor" } });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe("managing webhooks", () => {
  it("lets editors create, list, change and delete them, shows the secret once, and records each in the audit log without it", async () => {
    const { Eve } = world.users;
    const created = await createHook("/manage", ["document.imported"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(created.webhook).toMatchObject({ url: `${receiver.url}/manage`, events: ["document.imported"], active: true, version: 1, createdBy: { id: Eve.id } });

    const { webhooks } = await Eve.ok<{ webhooks: WebhookDto[] }>("GET", hooks());
    expect(webhooks.map((w) => w.id)).toContain(created.webhook.id);
    const { webhook } = await Eve.ok<{ webhook: WebhookDto }>("PATCH", `${hooks()}/${created.webhook.id}`, { version: 1, active: false, events: ["document.imported", "document.deleted"] });
    expect(webhook).toMatchObject({ active: false, version: 2, events: ["document.imported", "document.deleted"] });
    expect((await Eve.request("PATCH", `${hooks()}/${created.webhook.id}`, { version: 1, active: true })).status).toBe(409);
    await Eve.ok("DELETE", `${hooks()}/${created.webhook.id}`, undefined, [204]);
    expect((await Eve.request("GET", `${hooks()}/${created.webhook.id}`)).status).toBe(404);

    const audit = await world.owner.ok<AuditPageDto>("GET", `/api/workspaces/${world.workspaceId}/audit?type=webhook`);
    expect(audit.entries.map((e) => e.type)).toEqual(["webhook.deleted", "webhook.updated", "webhook.created"]);
    expect(audit.entries[1]!.summary).toBe(`turned off the webhook to ${receiver.url}/manage`);
    expect(audit.entries[1]!.changes).toMatchObject({ active: { from: true, to: false } });
    const everything = JSON.stringify([audit, await server.db.workspaceEvent.findMany({ where: { workspaceId: world.workspaceId } }), webhooks]);
    expect(everything).not.toContain(created.secret);
  });

  it("refuses analysts (403) and strangers (404)", async () => {
    const { Ana } = world.users;
    expect((await Ana.request("GET", hooks())).status).toBe(403);
    expect((await Ana.request("POST", hooks(), { url: `${receiver.url}/x`, events: ["reply.created"] })).status).toBe(403);
    const stranger = await httpTransport(server.url).signUp({ displayName: "Stranger" });
    expect((await stranger.request("GET", hooks())).status).toBe(404);
  });

  it("lets no one send events their role does not read (an export, the owners' to read) to an address of their choosing", async () => {
    const { Eve } = world.users;
    const refused = await Eve.request("POST", hooks(), { url: `${receiver.url}/exports`, events: ["annotation.created", "document.exported"] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { field: "events", message: expect.stringContaining("document.exported") } });
    // An owner may; an editor may then neither point it elsewhere nor set its events again, but may switch it off.
    const own = await createHook("/exports", ["document.exported"], world.owner);
    const moved = await Eve.request("PATCH", `${hooks()}/${own.webhook.id}`, { version: 1, url: `${receiver.url}/mine` });
    expect(moved.status).toBe(403);
    expect((moved.body as { error: { field: string } }).error.field).toBe("events");
    expect((await Eve.request("PATCH", `${hooks()}/${own.webhook.id}`, { version: 1, events: ["document.exported", "reply.created"] })).status).toBe(403);
    const { webhook } = await Eve.ok<{ webhook: WebhookDto }>("PATCH", `${hooks()}/${own.webhook.id}`, { version: 1, active: false });
    expect(webhook).toMatchObject({ url: `${receiver.url}/exports`, events: ["document.exported"], active: false, version: 2 });
    await world.owner.ok("DELETE", `${hooks()}/${own.webhook.id}`);
  });

  it("answers bad input with a 400 naming the field", async () => {
    const { Eve } = world.users;
    const cases: Array<[unknown, string]> = [
      [{ url: "ftp://example.org/hook", events: ["reply.created"] }, "url"],
      [{ url: "not a url", events: ["reply.created"] }, "url"],
      [{ url: "https://user:pw@example.org/hook", events: ["reply.created"] }, "url"],
      [{ events: ["reply.created"] }, "url"],
      [{ url: "https://example.org/hook", events: [] }, "events"],
      [{ url: "https://example.org/hook", events: ["reply.created", "reply.created"] }, "events"],
      [{ url: "https://example.org/hook", events: ["webhook.created"] }, "events.0"],
      [{ url: "https://example.org/hook", events: ["reply.created"], description: 5 }, "description"],
      [{ url: "https://example.org/hook", events: ["reply.created"], active: "yes" }, "active"],
    ];
    for (const [body, field] of cases) {
      const res = await Eve.request("POST", hooks(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: { field: string } }).error.field, JSON.stringify(body)).toBe(field);
    }
    const { webhook } = await createHook("/bad-input", ["reply.created"]);
    const patch = await Eve.request("PATCH", `${hooks()}/${webhook.id}`, { active: false });
    expect((patch.body as { error: { field: string } }).error.field).toBe("version");
    const nothing = await Eve.request("PATCH", `${hooks()}/${webhook.id}`, { version: 1 });
    expect((nothing.body as { error: { field: string } }).error.field).toBe("url");
    const cursor = await Eve.request("GET", `${hooks()}/${webhook.id}/deliveries?before=zz`);
    expect((cursor.body as { error: { field: string } }).error.field).toBe("before");
    await Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });
});

describe("deliveries", () => {
  it("sends what its setter reads now: a demoted setter's webhook drops the types their role no longer reads, a removed setter's sends nothing until a manager sets it again", async () => {
    const { Ana, Ed, Eve } = world.users;
    const { webhook } = await createHook("/setter", ["annotation.created", "invite.created"], Ed);
    expect(webhook).toMatchObject({ createdBy: { id: Ed.id }, setterRole: "editor" });
    const types = async () => (await deliveries(webhook.id)).map((d) => d.type).sort();
    const invite = () => world.owner.ok("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "viewer" }, [201]);

    await invite();
    await annotate(Ana, "three new regional agreements");
    await eventually(async () => expect(await types()).toEqual(["annotation.created", "invite.created"]));

    // Demoted to analyst, who does not read invites: the next invite is not sent, a note still is.
    await world.owner.ok("PATCH", `/api/workspaces/${world.workspaceId}/members/${Ed.id}`, { role: "analyst" });
    expect((await Eve.ok<{ webhook: WebhookDto }>("GET", `${hooks()}/${webhook.id}`)).webhook.setterRole).toBe("analyst");
    await invite();
    await annotate(Ana, "three new regional agreements");
    // Deliveries are written in their event's transaction: once the note's is there, the invite's would be too.
    await eventually(async () => expect(await types()).toEqual(["annotation.created", "annotation.created", "invite.created"]));

    // Removed: nothing is sent.
    await world.owner.ok("DELETE", `/api/workspaces/${world.workspaceId}/members/${Ed.id}`, undefined, [204]);
    expect((await Eve.ok<{ webhook: WebhookDto }>("GET", `${hooks()}/${webhook.id}`)).webhook).toMatchObject({ createdBy: { id: Ed.id }, setterRole: null });
    await annotate(Ana, "three new regional agreements");
    await invite();
    await pause(DISPATCH_INTERVAL_MS * 3);
    expect(await types()).toEqual(["annotation.created", "annotation.created", "invite.created"]);

    // An editor setting its events again makes it theirs, and it sends again, as they read.
    const { webhook: taken } = await Eve.ok<{ webhook: WebhookDto }>("PATCH", `${hooks()}/${webhook.id}`, { version: webhook.version, events: ["annotation.created", "invite.created"] });
    expect(taken).toMatchObject({ createdBy: { id: Eve.id }, setterRole: "editor" });
    await invite();
    await annotate(Ana, "three new regional agreements");
    await eventually(async () => expect(await types()).toEqual(["annotation.created", "annotation.created", "annotation.created", "invite.created", "invite.created"]));
    await Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });

  it("POSTs subscribed events signed with the secret, and logs the delivery", async () => {
    const { webhook, secret } = await createHook("/signed", ["annotation.created"]);
    const note = await annotate(world.users.Ana, "three new regional agreements");
    await world.users.Ana.ok("POST", `/api/annotations/${note.id}/replies`, { body: "not subscribed" }, [201]);

    const [req] = await eventually(() => {
      expect(at("/signed")).toHaveLength(1);
      return at("/signed");
    });
    const timestamp = req!.headers["x-scholia-timestamp"] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${req!.raw}`).digest("hex")}`;
    expect(req!.headers["x-scholia-signature"]).toBe(expected);
    expect(req!.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(req!.raw) as WebhookBody;
    expect(body).toMatchObject({ type: "annotation.created", workspaceId: world.workspaceId, data: { documentId: world.documentId, actorId: world.users.Ana.id } });
    expect(body.id).toMatch(new RegExp(`^d\\.${world.documentId}\\.\\d+$`));
    expect((body.data.payload as { annotation: AnnotationDto }).annotation.id).toBe(note.id);

    const log = await eventually(async () => {
      const d = await deliveries(webhook.id);
      expect(d.map((x) => x.state)).toEqual(["succeeded"]);
      return d;
    });
    expect(log[0]).toMatchObject({ eventId: body.id, type: "annotation.created", attempts: 1, lastStatus: 200, responseExcerpt: "ok", nextAttemptAt: null });
    expect(log[0]!.lastDurationMs).toBeGreaterThanOrEqual(0);
    // The reply was not subscribed: deliveries are written in the transaction of their event, and
    // the log above (read after the reply was made) holds the annotation's only, so nothing more is sent.
    expect(at("/signed")).toHaveLength(1);
    await world.users.Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });

  it("retries after a 500 with the same event id, and gives up on a 400 at once", async () => {
    const { webhook } = await createHook("/retry", ["annotation.created"]);
    receiver.answer({ status: 500, body: "x".repeat(5000) }, { status: 200, body: "ok" });
    await annotate(world.users.Ana, "none will be verifiable");
    await eventually(() => expect(at("/retry")).toHaveLength(2));
    const [first, second] = at("/retry");
    expect(JSON.parse(first!.raw).id).toBe(JSON.parse(second!.raw).id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(80);
    const [retried] = await eventually(async () => {
      const d = await deliveries(webhook.id);
      expect(d[0]).toMatchObject({ state: "succeeded", attempts: 2, lastStatus: 200 });
      return d;
    });
    expect(retried!.responseExcerpt).toBe("ok");

    receiver.answer({ status: 400, body: "bad" });
    await annotate(world.users.Ana, "The treaty");
    const [refused] = await eventually(async () => {
      const d = await deliveries(webhook.id);
      expect(d[0]).toMatchObject({ state: "failed", attempts: 1, lastStatus: 400, responseExcerpt: "bad", lastError: "HTTP 400" });
      return d;
    });
    // A refused delivery is not tried again: no retry comes in the time the first one would have.
    await pause(FIRST_RETRY_WITHIN_MS);
    expect(at("/retry")).toHaveLength(3);
    expect((await deliveries(webhook.id))[0]!.id).toBe(refused!.id);

    // Redelivery sends the same body again as a new delivery.
    const { delivery } = await world.users.Eve.ok<{ delivery: WebhookDeliveryDto }>("POST", `${hooks()}/${webhook.id}/deliveries/${refused!.id}/redeliver`, {}, [202]);
    expect(delivery).toMatchObject({ state: "pending", redeliveryOf: refused!.id, eventId: refused!.eventId });
    await eventually(() => expect(at("/retry")).toHaveLength(4));
    expect(at("/retry")[3]!.raw).toBe(at("/retry")[2]!.raw);
    await eventually(async () => expect((await deliveries(webhook.id))[0]).toMatchObject({ id: delivery.id, state: "succeeded" }));
    await world.users.Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });

  it("stops retrying after the last attempt, and keeps only an excerpt of the answer", async () => {
    const { webhook } = await createHook("/down", ["annotation.created"]);
    receiver.answer(503, 503, { status: 503, body: "y".repeat(3000) });
    await annotate(world.users.Ana, "it moved it elsewhere");
    const [gaveUp] = await eventually(async () => {
      const d = await deliveries(webhook.id);
      expect(d[0]).toMatchObject({ state: "failed", attempts: 3, lastStatus: 503 });
      return d;
    }, 10_000);
    expect(gaveUp!.responseExcerpt!.length).toBeLessThanOrEqual(501);
    expect(at("/down")).toHaveLength(3);
    await world.users.Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });

  it("sends a test delivery on request", async () => {
    const { webhook, secret } = await createHook("/test", ["document.deleted"]);
    const { delivery } = await world.users.Eve.ok<{ delivery: WebhookDeliveryDto }>("POST", `${hooks()}/${webhook.id}/test`, {}, [202]);
    expect(delivery).toMatchObject({ type: "webhook.test", state: "pending" });
    const [req] = await eventually(() => {
      expect(at("/test")).toHaveLength(1);
      return at("/test");
    });
    const body = JSON.parse(req!.raw) as WebhookBody;
    expect(body).toMatchObject({ id: delivery.eventId, type: "webhook.test", workspaceId: world.workspaceId });
    const ts = req!.headers["x-scholia-timestamp"] as string;
    expect(req!.headers["x-scholia-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${ts}.${req!.raw}`).digest("hex")}`);
    await world.users.Eve.ok("DELETE", `${hooks()}/${webhook.id}`, undefined, [204]);
  });
});

describe("internal addresses, when they are not allowed", () => {
  let t: TestApp;
  let eve: AppClient;
  let workspaceId: string;
  let documentId: string;
  let anchor: World<AppClient, "Eve">["anchor"];

  beforeAll(async () => {
    t = await buildTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: "false" } });
    const w = await buildWorld(appTransport(t.app), { members: { Eve: "editor" } });
    eve = w.users.Eve;
    workspaceId = w.workspaceId;
    documentId = w.documentId;
    anchor = w.anchor;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("classifies addresses", () => {
    for (const ip of ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.100.100.200", "0.0.0.0", "::1", "::", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::a00:1", "2002:7f00:1::", "224.0.0.1", "not an ip"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("refuses them when a webhook is saved: loopback, private, metadata, IPv6 loopback, and a name that resolves to loopback", async () => {
    const urls = ["http://127.0.0.1:9/hook", "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/hook", "http://[::ffff:127.0.0.1]/hook", "http://localhost:4000/hook", "http://0.0.0.0/"];
    for (const url of urls) {
      const res = await eve.post(`/api/workspaces/${workspaceId}/webhooks`, { url, events: ["annotation.created"] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.field, url).toBe("url");
      expect(res.body.error.message, url).toMatch(/^url: is not allowed: .*(loopback|internal)/);
    }
    expect(await t.db.webhook.count()).toBe(0);
  });

  it("refuses them at delivery, after DNS, so a name that turns into loopback gets nothing", async () => {
    receiver.requests.length = 0;
    // Saved while the name pointed elsewhere (as a rebinding attacker would arrange): written directly, set by Eve.
    const port = new URL(receiver.url).port;
    const hook = await t.db.webhook.create({ data: { id: newId("wh"), workspaceId, url: `http://rebind.test:${port}/hook`, events: JSON.stringify(["annotation.created"]), secret: "s", createdById: eve.id } });
    await t.db.webhook.create({ data: { id: newId("wh"), workspaceId, url: `${receiver.url}/literal`, events: JSON.stringify(["annotation.created"]), secret: "s", createdById: eve.id } });
    expect((await eve.post(`/api/documents/${documentId}/annotations`, { kind: "comment", body: "x", anchor: anchor("The treaty") })).status).toBe(201);
    const resolved: string[] = [];
    const dispatcher = new WebhookDispatcher(
      t.db,
      t.config.databaseProvider,
      {
        config: { ...t.config.webhooks, allowPrivate: false },
        resolve: async (host) => {
          resolved.push(host);
          return [{ address: "127.0.0.1", family: 4 }];
        },
      },
      createLogger("silent"),
    );
    await dispatcher.tick();
    const rows = await t.db.webhookDelivery.findMany({ where: { workspaceId } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ state: "failed", attempts: 1, lastStatus: null });
    expect(rows.find((r) => r.webhookId === hook.id)!.lastError).toMatch(/^refused: rebind\.test \(127\.0\.0\.1\)/);
    expect(resolved).toEqual(["rebind.test"]);
    expect(receiver.requests).toEqual([]);
  });

  it("checks the addresses the connection uses, not only the name", async () => {
    receiver.requests.length = 0;
    const port = new URL(receiver.url).port;
    const outcome = await deliver(
      { url: `http://public.example:${port}/x`, body: "{}", secret: "s", deliveryId: "d", type: "t" },
      { timeoutMs: 2000, allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 }, { address: "::1", family: 6 }] },
    );
    expect(outcome).toMatchObject({ ok: false, retry: false, status: null });
    expect(outcome.error).toMatch(/refused/);
    expect(receiver.requests).toEqual([]);
  });

  it("gives each pending delivery to one claimer only, however many claim at once", async () => {
    const hook = await t.db.webhook.create({ data: { id: newId("wh"), workspaceId, url: "https://example.org/claims", events: "[]", secret: "s", active: false } });
    const now = new Date();
    await t.db.webhookDelivery.createMany({ data: Array.from({ length: 40 }, () => ({ id: newId("dl"), webhookId: hook.id, workspaceId, eventId: "e", type: "t", body: "{}", nextAttemptAt: now })) });
    // One held by a node whose lease ran out (it died): claimable again.
    await t.db.webhookDelivery.create({ data: { id: newId("dl"), webhookId: hook.id, workspaceId, eventId: "e", type: "t", body: "{}", nextAttemptAt: now, lockedBy: "node_gone", lockedUntil: new Date(now.getTime() - 1000) } });
    // One held by a live node: not claimable.
    await t.db.webhookDelivery.create({ data: { id: newId("dl"), webhookId: hook.id, workspaceId, eventId: "e", type: "t", body: "{}", nextAttemptAt: now, lockedBy: "node_busy", lockedUntil: new Date(now.getTime() + 60_000) } });
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDue(t.db, t.config.databaseProvider, "WebhookDelivery", new Date(now.getTime() + 10), 60_000, 10)));
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    const mine = await t.db.webhookDelivery.findMany({ where: { webhookId: hook.id, lockedBy: { notIn: ["node_busy"] } } });
    expect(all.sort()).toEqual(mine.map((r) => r.id).sort());
    expect(all).toHaveLength(41);
  });
});
