import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "../../../../common/events.ts";
import { ACTIVITY_KINDS, AUDIT_KINDS, auditCsvHref, changeRows, entryHref, KIND_OF, listPath, mergeFirstPage, timeAgo, typesOf, valueText, whoAndWhat, type EventType } from "./activity-query.ts";

const entry = (id: string) => ({ id });

describe("activity kinds", () => {
  it("puts every event type in exactly one kind, and every kind has a type", () => {
    const all = ACTIVITY_KINDS.flatMap((k) => typesOf(k));
    expect(all.length).toBe(Object.keys(KIND_OF).length);
    expect(new Set(all).size).toBe(all.length);
    for (const k of ACTIVITY_KINDS) expect(typesOf(k).length).toBeGreaterThan(0);
  });

  it("narrows audit kinds to the audit log's types", () => {
    expect(AUDIT_KINDS).toEqual(["members", "invites", "documents", "exports", "webhooks", "workspace"]);
    const auditTypes = AUDIT_KINDS.flatMap((k) => typesOf(k, true));
    expect(new Set(auditTypes)).toEqual(new Set<EventType>(AUDIT_EVENT_TYPES));
    expect(typesOf("documents", true)).toEqual(["document.deleted"]);
  });
});

describe("listPath", () => {
  it("asks for exact types, the person and the cursor", () => {
    const path = listPath("activity", "w1", { actor: "u2", kind: "reviews" }, { before: "abc", limit: 20 });
    const url = new URL(path, "http://x");
    expect(url.pathname).toBe("/workspaces/w1/activity");
    expect(url.searchParams.get("type")).toBe("claim.reviewed,claim.assigned");
    expect(url.searchParams.get("actor")).toBe("u2");
    expect(url.searchParams.get("before")).toBe("abc");
    expect(url.searchParams.get("limit")).toBe("20");
  });

  it("leaves filters out when none is set, and the CSV link carries the audit filters", () => {
    expect(listPath("audit", "w1", { actor: "", kind: "" })).toBe("/workspaces/w1/audit?");
    const href = new URL(auditCsvHref("w1", { actor: "", kind: "documents" }), "http://x");
    expect(href.pathname).toBe("/api/workspaces/w1/audit");
    expect(href.searchParams.get("format")).toBe("csv");
    expect(href.searchParams.get("type")).toBe("document.deleted");
  });
});

describe("entryHref", () => {
  it("opens an annotation's thread, a document, or nothing", () => {
    expect(entryHref({ type: "reply.created", documentId: "d1", annotationId: "a1" })).toEqual({ to: "/d/d1?a=a1", passage: true });
    expect(entryHref({ type: "document.imported", documentId: "d1", annotationId: null })).toEqual({ to: "/d/d1", passage: false });
    expect(entryHref({ type: "annotation.deleted", documentId: "d1", annotationId: "a1" })).toEqual({ to: "/d/d1", passage: false });
    expect(entryHref({ type: "document.deleted", documentId: "d1", annotationId: null })).toBeNull();
    expect(entryHref({ type: "member.joined", documentId: null, annotationId: null })).toBeNull();
  });
});

describe("whoAndWhat", () => {
  it("names the actor once", () => {
    const ana = { id: "u2", displayName: "Ana Lee" };
    expect(whoAndWhat({ type: "member.joined", actor: ana, summary: "Ana Lee joined as analyst" })).toEqual({ who: "Ana Lee", what: "joined as analyst" });
    expect(whoAndWhat({ type: "member.removed", actor: ana, summary: "Ana Lee left the workspace" }).what).toBe("left the workspace");
    // Only summaries about the actor themself lose the name; another person's name stays.
    expect(whoAndWhat({ type: "member.removed", actor: { id: "u3", displayName: "Ana" }, summary: "removed Ana Lee (editor)" }).what).toBe("removed Ana Lee (editor)");
    expect(whoAndWhat({ type: "workspace.renamed", actor: { id: "u3", displayName: "Renamed" }, summary: "Renamed things" }).what).toBe("Renamed things");
    expect(whoAndWhat({ type: "document.imported", actor: null, summary: "imported" })).toEqual({ who: "Someone", what: "imported" });
  });
});

describe("mergeFirstPage", () => {
  it("puts new entries on top and keeps older pages", () => {
    const shown = { entries: [entry("c"), entry("b"), entry("a")], nextBefore: "cur-a" };
    const fresh = { entries: [entry("e"), entry("d"), entry("c")], nextBefore: "cur-c" };
    expect(mergeFirstPage(shown, fresh, 3)).toEqual({ entries: ["e", "d", "c", "b", "a"].map(entry), nextBefore: "cur-a" });
  });

  it("returns what is shown when nothing is new", () => {
    const shown = { entries: [entry("b"), entry("a")], nextBefore: null };
    expect(mergeFirstPage(shown, { entries: [entry("b"), entry("a")], nextBefore: null }, 3)).toBe(shown);
  });

  it("starts again from a full fresh page that shares nothing with what is shown", () => {
    const shown = { entries: [entry("a")], nextBefore: null };
    const fresh = { entries: [entry("d"), entry("c"), entry("b")], nextBefore: "cur-b" };
    expect(mergeFirstPage(shown, fresh, 3)).toEqual(fresh);
  });
});

describe("changeRows and valueText", () => {
  it("names fields and writes values in words", () => {
    expect(changeRows({ role: { from: "analyst", to: "editor" }, invite: { from: null, to: "i1" }, tagIds: { from: [], to: ["t1", "t2"] } })).toEqual([
      { field: "Role", from: "analyst", to: "editor" },
      { field: "Invite", from: "—", to: "i1" },
      { field: "Tags", from: "—", to: "t1, t2" },
    ]);
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(valueText(false)).toBe("false");
  });
});

describe("timeAgo", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  it("says just now, minutes, hours and days", () => {
    expect(timeAgo("2026-03-10T11:59:30Z", now, "en")).toBe("just now");
    expect(timeAgo("2026-03-10T11:55:00Z", now, "en")).toBe("5 minutes ago");
    expect(timeAgo("2026-03-10T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(timeAgo("2026-03-09T12:00:00Z", now, "en")).toBe("yesterday");
  });
});
