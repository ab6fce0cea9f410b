/**
 * Notifications end to end on a listening server with an SMTP sink: who is told of what (never
 * the actor), live to the recipient's sockets, in the inbox with links to the thread, marked
 * read, per-person settings, nothing for people who left (and nothing of the content of what
 * they had), the mention e-mail with a working link, and the digest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, connected, eventually, httpTransport, startTestServer, TEST_ORIGIN, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.ts";
import { DETERRENCE, NAVAL, SANCTIONS } from "../fixtures/deterrence.ts";
import type { AnnotationDto, ReplyDto } from "../../common/annotations.ts";
import type { NotificationDto, NotificationPageDto, NotificationSettingsDto } from "../../common/notifications.ts";

type Member = "Ana" | "Ben" | "Eve" | "Vic";

let server: TestServer;
let sink: SmtpSink;
let world: World<HttpClient, Member>;
const sockets = socketsClosedAfterEach();

/** A rich note or reply that @mentions `people`. */
function mentioning(text: string, ...people: HttpClient[]) {
  return {
    format: "rich",
    doc: {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: `${text} ` }, ...people.map((p) => ({ type: "mention", attrs: { id: p.id, label: p.displayName } }))] }],
    },
  };
}

async function annotate(by: HttpClient, kind: string, quote: string, body: unknown = "", extra: Record<string, unknown> = {}): Promise<AnnotationDto> {
  const { annotation } = await by.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${world.documentId}/annotations`, { kind, body, anchor: world.anchor(quote), ...extra }, [201]);
  return annotation;
}

async function reply(by: HttpClient, annotationId: string, body: unknown): Promise<ReplyDto> {
  const { reply: r } = await by.ok<{ reply: ReplyDto }>("POST", `/api/annotations/${annotationId}/replies`, { body }, [201]);
  return r;
}

const inbox = (user: HttpClient, query = "") => user.ok<NotificationPageDto>("GET", `/api/notifications${query}`);
const unread = async (user: HttpClient) => (await user.ok<{ unread: number }>("GET", "/api/notifications/unread-count")).unread;
/** The user's notifications about one annotation, newest first. */
const about = async (user: HttpClient, annotationId: string) => (await inbox(user, "?limit=100")).notifications.filter((n) => n.annotationId === annotationId);

function listen(user: HttpClient): { socket: ClientSocket; got: NotificationDto[]; reads: Array<{ ids: string[] | null; unread: number }> } {
  const socket = user.connect();
  sockets.push(socket);
  const got: NotificationDto[] = [];
  const reads: Array<{ ids: string[] | null; unread: number }> = [];
  socket.on("notification", (p) => got.push(p.notification));
  socket.on("notifications:read", (p) => reads.push(p));
  return { socket, got, reads };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url, NOTIFY_DIGEST_MINUTES: "0.05", DISPATCH_INTERVAL_MS: "50" } });
  world = await buildWorld(httpTransport(server.url), {
    members: { Ana: "analyst", Ben: "analyst", Eve: "editor", Vic: "viewer" },
    document: { article: { ...DETERRENCE, paragraphs: [...DETERRENCE.paragraphs, NAVAL, SANCTIONS] } },
  });
});
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

describe("who is told what", () => {
  it("tells the people mentioned in a note, live, with a link to the thread — and not the author", async () => {
    const { Ana, Ben, Vic } = world.users;
    const ben = listen(Ben);
    await connected(ben.socket);
    const note = await annotate(Ana, "comment", "three new regional agreements", mentioning("Worth a look,", Ben, Vic, Ana));

    await eventually(() => expect(ben.got).toHaveLength(1));
    const pushed = ben.got[0]!;
    expect(pushed).toMatchObject({ kind: "mention", accessible: true, actor: { id: Ana.id, displayName: "Ana" }, documentId: world.documentId, annotationId: note.id, link: `/d/${world.documentId}?a=${note.id}`, quote: "three new regional agreements" });
    expect(pushed.excerpt).toContain("Worth a look");
    expect(await about(Ben, note.id)).toEqual([pushed]);
    expect(await about(Vic, note.id)).toHaveLength(1);
    expect(await about(Ana, note.id)).toEqual([]);
    expect(await about(world.owner, note.id)).toEqual([]);
  });

  it("tells a mention once per note, even when the note is edited, and tells people added by the edit", async () => {
    const { Ana, Ben, Eve } = world.users;
    const note = await annotate(Ana, "comment", "Naval incidents", mentioning("See", Ben));
    await Ana.ok("PATCH", `/api/annotations/${note.id}`, { version: 1, body: mentioning("See again", Ben, Eve) });
    expect(await about(Ben, note.id)).toHaveLength(1);
    expect((await about(Eve, note.id)).map((n) => n.kind)).toEqual(["mention"]);
  });

  it("tells the thread's starter and everyone who replied in it of a reply, but never the one replying", async () => {
    const { Ana, Ben, Eve } = world.users;
    const claim = await annotate(Ana, "claim", "none will be verifiable");
    await reply(Ben, claim.id, "Source?");
    expect((await about(Ana, claim.id)).map((n) => n.kind)).toEqual(["reply"]);
    expect(await about(Ben, claim.id)).toEqual([]);

    const last = await reply(Eve, claim.id, "The ministry's report.");
    expect((await about(Ana, claim.id)).map((n) => n.kind)).toEqual(["reply", "reply"]);
    const [toBen] = await about(Ben, claim.id);
    expect(toBen).toMatchObject({ kind: "reply", replyId: last.id, excerpt: "The ministry's report.", actor: { displayName: "Eve" } });
    expect(await about(Eve, claim.id)).toEqual([]);
    expect(await about(world.owner, claim.id)).toEqual([]);
  });

  it("makes a reply that mentions a thread member one mention, not two notifications", async () => {
    const { Ana, Ben } = world.users;
    const claim = await annotate(Ana, "claim", "Sanctions cost");
    await reply(Ben, claim.id, mentioning("Over to you", Ana));
    expect((await about(Ana, claim.id)).map((n) => n.kind)).toEqual(["mention"]);
  });

  it("tells the assignee of an assignment and the author of a verdict, not the editor who made them", async () => {
    const { Ana, Ben, Eve } = world.users;
    const claim = await annotate(Ana, "claim", "moved it elsewhere");
    await Eve.ok("POST", `/api/annotations/${claim.id}/assign`, { version: 1, assigneeId: Ben.id });
    expect(await about(Ben, claim.id)).toMatchObject([{ kind: "assignment", actor: { id: Eve.id } }]);
    // Assigning oneself tells no one.
    await Eve.ok("POST", `/api/annotations/${claim.id}/assign`, { version: 2, assigneeId: Eve.id });
    expect(await about(Eve, claim.id)).toEqual([]);

    await Eve.ok("POST", `/api/annotations/${claim.id}/review`, { version: 3, status: "in_review" });
    expect(await about(Ana, claim.id)).toEqual([]);
    await Eve.ok("POST", `/api/annotations/${claim.id}/review`, { version: 4, status: "supported", rationale: "Matches the ministry's figures." });
    expect(await about(Ana, claim.id)).toMatchObject([{ kind: "verdict", status: "supported", excerpt: "Matches the ministry's figures." }]);
  });

  it("tells the author of a suggestion when an editor accepts it", async () => {
    const { Ana, Eve } = world.users;
    const s = await annotate(Ana, "suggestion", "according to the ministry", "", { replacement: "according to the defence ministry" });
    await Eve.ok("POST", `/api/annotations/${s.id}/suggestion/accept`, { version: 1 });
    expect(await about(Ana, s.id)).toMatchObject([{ kind: "suggestion", actor: { id: Eve.id }, excerpt: "according to the defence ministry" }]);
    expect(await about(Eve, s.id)).toEqual([]);
  });

  it("writes one notification per person per event, even when the mutation is repeated", async () => {
    const { Ana, Ben } = world.users;
    const body = { kind: "comment", body: mentioning("Once,", Ben), anchor: world.anchor("four percent"), clientMutationId: "mention-once-1" };
    const first = await Ana.request("POST", `/api/documents/${world.documentId}/annotations`, body);
    const again = await Ana.request("POST", `/api/documents/${world.documentId}/annotations`, body);
    expect(again.headers.get("x-idempotent-replay")).toBe("true");
    expect(await about(Ben, (first.body as { annotation: AnnotationDto }).annotation.id)).toHaveLength(1);
  });
});

describe("the inbox", () => {
  it("marks one read and all read, and tells the person's other tabs", async () => {
    const { Ana, Eve } = world.users;
    await Ana.ok("POST", "/api/notifications/read-all", {});
    const tab = listen(Ana);
    await connected(tab.socket);
    const claim = await annotate(Eve, "claim", "the hotline opened");
    await reply(Eve, claim.id, mentioning("Ana, look", Ana));
    await reply(Eve, claim.id, mentioning("and this", Ana));
    expect(await unread(Ana)).toBe(2);
    const page = await inbox(Ana, "?unread=true");
    expect(page.unread).toBe(2);
    expect(page.notifications).toHaveLength(2);

    const one = page.notifications[1]!.id;
    expect(await Ana.ok("POST", "/api/notifications/read", { ids: [one] })).toEqual({ marked: 1, unread: 1 });
    // Marking again changes nothing; another person's id is ignored like an unknown one.
    const evesOwn = (await inbox(Eve)).notifications[0];
    expect(await Ana.ok("POST", "/api/notifications/read", { ids: [one, ...(evesOwn ? [evesOwn.id] : [])] })).toEqual({ marked: 0, unread: 1 });
    await eventually(() => expect(tab.reads).toContainEqual({ ids: [one], unread: 1 }));
    expect((await inbox(Ana, "?unread=true")).notifications.map((n) => n.id)).toEqual([page.notifications[0]!.id]);

    expect(await Ana.ok("POST", "/api/notifications/read-all", {})).toEqual({ marked: 1, unread: 0 });
    await eventually(() => expect(tab.reads.at(-1)).toEqual({ ids: null, unread: 0 }));
    expect(await unread(Ana)).toBe(0);
    expect((await inbox(Ana, "?limit=1")).notifications[0]!.readAt).not.toBeNull();
  });

  it("pages newest first without repeating or skipping", async () => {
    const { Ana } = world.users;
    const all = (await inbox(Ana, "?limit=100")).notifications;
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (let before: string | null = ""; before !== null; ) {
      const page: NotificationPageDto = await inbox(Ana, `?limit=2${before ? `&before=${before}` : ""}`);
      seen.push(...page.notifications.map((n) => n.id));
      before = page.nextBefore;
    }
    expect(seen).toEqual(all.map((n) => n.id));
  });

  it("answers bad input with a 400 naming the field", async () => {
    const { Ana } = world.users;
    const cases: Array<[string, string, unknown, string]> = [
      ["POST", "/api/notifications/read", { ids: [] }, "ids"],
      ["POST", "/api/notifications/read", { ids: ["bad id!"] }, "ids.0"],
      ["POST", "/api/notifications/read", {}, "ids"],
      ["PUT", "/api/me/notification-settings", { kinds: { mention: true }, email: "off" }, "kinds.reply"],
      ["PUT", "/api/me/notification-settings", { kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: "yes" }, email: "off" }, "kinds.suggestion"],
      ["PUT", "/api/me/notification-settings", { kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true }, email: "weekly" }, "email"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await Ana.request(method as "POST", path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect((res.body as { error: { field: string } }).error.field).toBe(field);
    }
    const badQuery = await Ana.request("GET", "/api/notifications?limit=0");
    expect(badQuery.status).toBe(400);
    expect((badQuery.body as { error: { field: string } }).error.field).toBe("limit");
    const badCursor = await Ana.request("GET", "/api/notifications?before=abc");
    expect((badCursor.body as { error: { field: string } }).error.field).toBe("before");
  });
});

describe("settings", () => {
  it("starts from the defaults and leaves out the kinds a person turned off", async () => {
    const { Ana, Vic } = world.users;
    const { settings } = await Vic.ok<{ settings: NotificationSettingsDto }>("GET", "/api/me/notification-settings");
    expect(settings).toEqual({ kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true }, email: "immediate", emailAvailable: true });
    const saved = await Vic.ok<{ settings: NotificationSettingsDto }>("PUT", "/api/me/notification-settings", { kinds: { ...settings.kinds, mention: false }, email: "off" });
    expect(saved.settings).toMatchObject({ kinds: { mention: false, reply: true }, email: "off" });
    const note = await annotate(Ana, "comment", "regional agreements", mentioning("Vic?", Vic));
    expect(await about(Vic, note.id)).toEqual([]);
  });
});

describe("access", () => {
  it("tells people who left nothing, and shows them nothing of what they had", async () => {
    const transport = httpTransport(server.url);
    const [Lea, Max] = await Promise.all([transport.signUp({ displayName: "Lea" }), transport.signUp({ displayName: "Max" })]);
    const { token } = await world.owner.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "analyst" });
    await Lea.ok("POST", `/api/invites/${token}/accept`);
    const { token: t2 } = await world.owner.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "analyst" });
    await Max.ok("POST", `/api/invites/${t2}/accept`);

    const claim = await annotate(Lea, "claim", "Second, notification regimes");
    await reply(Max, claim.id, mentioning("Lea, the secret plan", Lea));
    const [had] = await about(Lea, claim.id);
    expect(had).toMatchObject({ kind: "mention", accessible: true });

    await world.owner.ok("DELETE", `/api/workspaces/${world.workspaceId}/members/${Lea.id}`, undefined, [204]);
    await reply(Max, claim.id, "Another reply in her thread");
    const after = (await inbox(Lea, "?limit=100")).notifications;
    expect(after).toHaveLength(1);
    expect(after[0]).toEqual({ ...had, accessible: false, actor: null, documentId: null, documentTitle: null, annotationId: null, replyId: null, quote: null, excerpt: null, status: null, link: null });
    expect(JSON.stringify(after)).not.toContain("secret plan");
  });
});

describe("e-mail", () => {
  it("sends a mention at once, with a link that opens the thread", async () => {
    const { Ana, Ben } = world.users;
    const note = await annotate(Ana, "comment", "confidence-building measures", mentioning("Please check this,", Ben));
    const mail = await eventually(() => {
      const m = sink.to(Ben.email).find((x) => x.text.includes("Please check this"));
      expect(m).toBeDefined();
      return m!;
    }, 10_000);
    expect(mail.subject).toBe("Ana mentioned you in “Deterrence After the Treaty”");
    const link = `${TEST_ORIGIN}/d/${world.documentId}?a=${note.id}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link.replace("&", "&amp;")}"`);
    // The link names the document and the annotation, which Ben can open.
    const url = new URL(link);
    const docId = url.pathname.split("/")[2]!;
    const { annotations } = await Ben.ok<{ annotations: AnnotationDto[] }>("GET", `/api/documents/${docId}/annotations`);
    expect(annotations.map((a) => a.id)).toContain(url.searchParams.get("a"));
  });

  it("gathers the other kinds into one digest", async () => {
    const { Ana, Ben, Eve } = world.users;
    const claim = await annotate(Ben, "claim", "fell by half");
    const sentBefore = sink.to(Ben.email).length;
    // Both answers sent at once, so they fall inside one digest window (3 s here) however
    // slowly a loaded machine answers each request.
    await Promise.all([reply(Ana, claim.id, "First answer in the digest"), reply(Eve, claim.id, "Second answer in the digest")]);
    const digest = await eventually(() => {
      const m = sink.to(Ben.email).slice(sentBefore).find((x) => x.text.includes("First answer in the digest"));
      expect(m).toBeDefined();
      return m!;
    }, 10_000);
    expect(digest.text).toContain("Second answer in the digest");
    expect(digest.subject).toMatch(/^\d+ new notifications on Scholia$/);
    expect(digest.text).toContain(`${TEST_ORIGIN}/d/${world.documentId}?a=${claim.id}`);
    // Once only: the next digest (made for a later reply) has arrived, and neither it nor a second
    // copy of the first holds the first answers again.
    await reply(Ana, claim.id, "A later answer for the next digest");
    await eventually(() => expect(sink.to(Ben.email).some((m) => m.text.includes("A later answer for the next digest"))).toBe(true), 10_000);
    expect(sink.to(Ben.email).filter((m) => m.text.includes("First answer in the digest"))).toHaveLength(1);
  });

  it("sends nothing about a workspace to someone who left before the e-mail went", async () => {
    const transport = httpTransport(server.url);
    const Ned = await transport.signUp({ displayName: "Ned" });
    const { token } = await world.owner.ok<{ token: string }>("POST", `/api/workspaces/${world.workspaceId}/invites`, { role: "analyst" });
    await Ned.ok("POST", `/api/invites/${token}/accept`);
    await Ned.ok("PUT", "/api/me/notification-settings", { kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true }, email: "digest" });
    const claim = await annotate(Ned, "claim", "output in the first year");
    await reply(world.users.Eve, claim.id, "Confidential remark for the digest");
    await world.owner.ok("DELETE", `/api/workspaces/${world.workspaceId}/members/${Ned.id}`, undefined, [204]);
    const digest = await eventually(async () => {
      const rows = await server.db.emailOutbox.findMany({ where: { userId: Ned.id, kind: "digest" } });
      expect(rows.map((r) => r.state)).toEqual(["skipped"]);
      return rows[0]!;
    }, 10_000);
    expect(digest.lastError).toBe("no longer a member of the workspace");
    expect(sink.to(Ned.email)).toEqual([]);
  });
});
