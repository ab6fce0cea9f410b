import { describe, expect, it } from "vitest";
import type { ActivityEntryDto } from "../../../../common/activity.ts";
import { activityPath, mergeNewest, relativeTime } from "./activity.ts";

const entry = (id: string): ActivityEntryDto => ({ id, type: "reply.created", actor: null, createdAt: "", documentId: "d", documentTitle: "T", annotationId: null, paragraphId: null, summary: id });

describe("document activity", () => {
  it("asks for a page with the filters as the API reads them", () => {
    expect(activityPath("d1", { actor: "", kind: "" })).toBe("/documents/d1/activity?limit=30");
    expect(activityPath("d1", { actor: "u7", kind: "claim" }, "cur_1", 10)).toBe("/documents/d1/activity?limit=10&before=cur_1&actor=u7&type=claim");
    expect(decodeURIComponent(activityPath("d1", { actor: "", kind: "document" }))).toContain("type=document,annotations");
  });

  it("puts new entries of a fresh first page on top and keeps the older pages", () => {
    const shown = [entry("d.5"), entry("d.4"), entry("d.1")];
    expect(mergeNewest(shown, [entry("d.7"), entry("d.6"), entry("d.5")]).map((e) => e.id)).toEqual(["d.7", "d.6", "d.5", "d.4", "d.1"]);
    expect(mergeNewest(shown, [entry("d.5")])).toBe(shown);
    expect(mergeNewest([], [entry("d.1")]).map((e) => e.id)).toEqual(["d.1"]);
  });

  it("says how long ago", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(relativeTime("2026-11-30T11:59:40Z", now, "en")).toBe("just now");
    expect(relativeTime("2026-11-30T11:55:00Z", now, "en")).toBe("5 minutes ago");
    expect(relativeTime("2026-11-30T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(relativeTime("2026-11-29T12:00:00Z", now, "en")).toBe("yesterday");
  });
});
