import { describe, expect, it } from "vitest";
import type { NotificationDto } from "../../../../common/notifications.ts";
import { EMPTY_INBOX, RECENT, withPage, withPush, withRead } from "./inbox-state.ts";

const note = (id: string, readAt: string | null = null): NotificationDto => ({
  id,
  kind: "mention",
  createdAt: "2026-01-01T00:00:00.000Z",
  readAt,
  workspaceId: "w",
  accessible: true,
  actor: { id: "u", displayName: "Ana" },
  documentId: "d",
  documentTitle: "T",
  annotationId: "a",
  replyId: null,
  quote: "q",
  excerpt: "e",
  status: null,
  link: "/d/d?a=a",
});

describe("the bell's state", () => {
  it("takes a page, then counts pushes once each and keeps the newest on top", () => {
    let s = withPage(EMPTY_INBOX, { notifications: [note("b"), note("a", "2026-01-01T00:00:01.000Z")], unread: 1 });
    expect(s).toMatchObject({ loaded: true, unread: 1 });
    s = withPush(s, note("c"));
    s = withPush(s, note("c"));
    expect(s.unread).toBe(2);
    expect(s.recent.map((n) => n.id)).toEqual(["c", "b", "a"]);
  });

  it("keeps at most RECENT", () => {
    let s = EMPTY_INBOX;
    for (let i = 0; i < RECENT + 5; i++) s = withPush(s, note(`n${i}`));
    expect(s.recent).toHaveLength(RECENT);
    expect(s.recent[0]!.id).toBe(`n${RECENT + 4}`);
    expect(s.unread).toBe(RECENT + 5);
  });

  it("marks some or all read and takes the server's count", () => {
    const s = withPage(EMPTY_INBOX, { notifications: [note("b"), note("a")], unread: 7 });
    const some = withRead(s, ["a"], 6, "T");
    expect(some.recent.map((n) => n.readAt)).toEqual([null, "T"]);
    expect(some.unread).toBe(6);
    const all = withRead(some, null, 0, "U");
    expect(all.recent.map((n) => n.readAt)).toEqual(["U", "T"]);
    expect(all.unread).toBe(0);
  });
});
