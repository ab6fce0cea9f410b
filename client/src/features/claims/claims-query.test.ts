import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLAIM_SORTS, CLAIM_STATUSES } from "../../../../common/review.ts";
import { DEFAULT_VIEW, formatAge, isFiltered, listQuery, parseView, statsQuery, toggleSort, viewToSearch, withFilters, type ClaimsView } from "./claims-query.ts";
import { barShares, bulkSummary } from "./bulk.ts";

describe("claims view <-> URL query", () => {
  it("reads the default view from an empty query and writes it back as nothing", () => {
    expect(parseView("")).toEqual(DEFAULT_VIEW);
    expect(viewToSearch(DEFAULT_VIEW)).toBe("");
  });

  it("reads repeated and comma-separated statuses and tags, in workflow order, without duplicates", () => {
    const v = parseView("?status=disputed&status=open,in_review&tag=t1,t2&tag=t1&assignee=me&author=u_1&q=treaty&sort=replies&order=asc&offset=50&limit=10");
    expect(v).toEqual({ status: ["open", "in_review", "disputed"], tag: ["t1", "t2"], author: "u_1", assignee: "me", q: "treaty", sort: "replies", order: "asc", offset: 50, limit: 10 });
    expect(viewToSearch(v)).toBe("?status=open%2Cin_review%2Cdisputed&tag=t1%2Ct2&author=u_1&assignee=me&q=treaty&sort=replies&order=asc&offset=50&limit=10");
  });

  it("drops what it does not know (hand-edited URLs) instead of failing", () => {
    const v = parseView("?status=bogus,open&sort=nonsense&order=sideways&offset=-4&limit=100000&tag=bad%20id&author=<script>");
    expect(v).toEqual({ ...DEFAULT_VIEW, status: ["open"], limit: 200 });
  });

  it("round-trips any view through the URL", () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const view = fc.record({
      status: fc.subarray([...CLAIM_STATUSES]),
      tag: fc.uniqueArray(id, { maxLength: 3 }),
      author: fc.oneof(fc.constant(""), id),
      assignee: fc.oneof(fc.constant(""), fc.constant("me"), fc.constant("none"), id),
      q: fc.string({ maxLength: 30 }).map((s) => s.trim()),
      sort: fc.constantFrom(...CLAIM_SORTS),
      order: fc.constantFrom("asc" as const, "desc" as const),
      offset: fc.nat(100_000),
      limit: fc.integer({ min: 1, max: 200 }),
    });
    fc.assert(
      fc.property(view, (v: ClaimsView) => {
        expect(parseView(viewToSearch(v))).toEqual(v);
      }),
    );
  });

  it("builds the API queries: the list with sort and page, the stats with the filters only", () => {
    const v = { ...DEFAULT_VIEW, status: ["open" as const, "disputed" as const], tag: ["t1"], assignee: "none", q: "  gas  ", offset: 25 };
    expect(listQuery(v)).toBe("?status=open%2Cdisputed&tag=t1&assignee=none&q=gas&sort=created&order=desc&limit=25&offset=25");
    expect(statsQuery(v)).toBe("?status=open%2Cdisputed&tag=t1&assignee=none&q=gas");
    expect(statsQuery(DEFAULT_VIEW)).toBe("");
  });

  it("goes back to the first page when a filter or the sort changes", () => {
    const v = { ...DEFAULT_VIEW, offset: 75 };
    expect(withFilters(v, { assignee: "me" })).toMatchObject({ assignee: "me", offset: 0 });
    expect(toggleSort(v, "status")).toMatchObject({ sort: "status", order: "desc", offset: 0 });
    expect(toggleSort({ ...v, sort: "status", order: "desc" }, "status")).toMatchObject({ sort: "status", order: "asc" });
    expect(toggleSort({ ...v, sort: "status", order: "asc" }, "status")).toMatchObject({ order: "desc" });
    expect(isFiltered(v)).toBe(false);
    expect(isFiltered(withFilters(v, { q: "x" }))).toBe(true);
  });

  it("writes ages compactly", () => {
    expect([30, 120, 7200, 86_400 * 3, 86_400 * 90].map(formatAge)).toEqual(["just now", "2 min", "2 h", "3 d", "3 mo"]);
  });
});

describe("dashboard helpers", () => {
  it("describes a bulk result", () => {
    expect(bulkSummary({ action: "assign", annotationIds: ["a", "b"], unchanged: [] }, { assignee: "Ana" })).toBe("Assigned 2 claims to Ana.");
    expect(bulkSummary({ action: "assign", annotationIds: ["a"], unchanged: ["b"] }, {})).toBe("Unassigned 1 claim; 1 already was so.");
    expect(bulkSummary({ action: "setStatus", annotationIds: ["a"], unchanged: [] }, { status: "in review" })).toBe("Set 1 claim to in review.");
    expect(bulkSummary({ action: "removeTag", annotationIds: ["a", "b"], unchanged: ["c", "d"] }, { tag: "Region" })).toBe("Removed Region from 2 claims; 2 already were so.");
  });

  it("scales bars to the largest count", () => {
    expect(barShares([2, 4, 0])).toEqual([0.5, 1, 0]);
    expect(barShares([0, 0])).toEqual([0, 0]);
    expect(barShares([])).toEqual([]);
  });
});
