import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES } from "../../../../common/review.ts";
import { abilitiesOf } from "../../../../common/policy.ts";
import { describeChange } from "./history.ts";
import { currentClaimOf } from "./conflicts.ts";
import { canReview, checkReview, moveBetween, nextStatusesFor, powersOf, reviewChanges, sourceProblem } from "./review-rules.ts";

const editor = powersOf(abilitiesOf("editor"), false);
const analyst = (own: boolean) => powersOf(abilitiesOf("analyst"), own);
const viewer = powersOf(abilitiesOf("viewer"), true);

describe("review rules (mirroring the server's state machine)", () => {
  it("lets editors decide, reopen and retract, but never jump from one verdict to another", () => {
    expect(nextStatusesFor("open", editor)).toEqual(["in_review", "supported", "disputed", "false", "misleading", "unverifiable", "retracted"]);
    expect(nextStatusesFor("disputed", editor)).toEqual(["open", "in_review", "retracted"]);
    expect(nextStatusesFor("retracted", editor)).toEqual(["open"]);
    expect(moveBetween("disputed", "disputed")).toBe("amend");
    expect(moveBetween("retracted", "retracted")).toBeNull();
  });

  it("lets an analyst move only their own claim between open and in review, and retract or restore it", () => {
    expect(nextStatusesFor("open", analyst(true))).toEqual(["in_review", "retracted"]);
    expect(nextStatusesFor("in_review", analyst(true))).toEqual(["open", "retracted"]);
    expect(nextStatusesFor("supported", analyst(true))).toEqual(["retracted"]);
    expect(nextStatusesFor("retracted", analyst(true))).toEqual(["open"]);
    expect(nextStatusesFor("open", analyst(false))).toEqual([]);
    expect(canReview("open", analyst(false))).toBe(false);
  });

  it("gives viewers nothing", () => {
    for (const s of CLAIM_STATUSES) expect(nextStatusesFor(s, viewer)).toEqual([]);
  });

  it("requires a rationale for a verdict and valid, distinct http(s) sources", () => {
    expect(checkReview("open", { status: "false", rationale: "  ", sources: [] }, editor)).toMatchObject({ field: "rationale" });
    expect(checkReview("open", { status: "false", rationale: "Contradicted by the record.", sources: ["https://a.example/x"] }, editor)).toBeNull();
    expect(checkReview("open", { status: "false", rationale: "r", sources: ["javascript:alert(1)"] }, editor)).toMatchObject({ field: "sources" });
    expect(checkReview("open", { status: "false", rationale: "r", sources: ["https://a.example", "https://a.example"] }, editor)).toMatchObject({ field: "sources" });
    expect(checkReview("supported", { status: "false", rationale: "r", sources: [] }, editor)).toMatchObject({ field: "status" });
    expect(checkReview("open", { status: "supported", rationale: "r", sources: [] }, analyst(true))).toMatchObject({ field: "status" });
  });

  it("checks a source before adding it", () => {
    expect(sourceProblem("", [], 20)).toMatch(/Type a URL/);
    expect(sourceProblem("ftp://x.example/a", [], 20)).toMatch(/http/);
    expect(sourceProblem("/relative", [], 20)).toMatch(/http/);
    expect(sourceProblem(" https://x.example/a ", ["https://x.example/a"], 20)).toMatch(/already/);
    expect(sourceProblem("https://y.example", Array.from({ length: 20 }, (_, i) => `https://s${i}.example`), 20)).toMatch(/At most 20/);
    expect(sourceProblem("https://y.example/ok", [], 20)).toBeNull();
  });

  it("sends only what changed", () => {
    const current = { status: "open" as const, rationale: "", sources: ["https://a.example"] };
    expect(reviewChanges(current, { ...current })).toEqual({});
    expect(reviewChanges(current, { ...current, status: "disputed", rationale: "why" })).toEqual({ status: "disputed", rationale: "why" });
    expect(reviewChanges(current, { ...current, sources: [] })).toEqual({ sources: [] });
  });
});

describe("claim history and conflicts", () => {
  it("describes a change in words", () => {
    const base = { id: "c", annotationId: "a", actor: { id: "u1", displayName: "Ed" }, version: 2, createdAt: "2026-01-01T00:00:00Z" };
    const nameOf = (id: string) => (id === "u2" ? "Ana" : "someone");
    expect(describeChange({ ...base, fromStatus: "open", toStatus: "disputed", changes: { rationale: { from: "", to: "No source." }, sources: { from: [], to: ["https://a.example"] } } }, nameOf)).toEqual([
      "Open → Disputed",
      "rationale: “No source.”",
      "added source https://a.example",
    ]);
    expect(describeChange({ ...base, fromStatus: "open", toStatus: "open", changes: { assigneeId: { from: null, to: "u2" } } }, nameOf)).toEqual(["assigned to Ana"]);
    expect(describeChange({ ...base, fromStatus: "open", toStatus: "open", changes: { assigneeId: { from: "u2", to: null } } }, nameOf)).toEqual(["unassigned"]);
  });

  it("reads the current claim from a 409's details, and nothing from anything else", () => {
    const claim = { status: "supported", assigneeId: null, reviewerId: "u1", rationale: "ok", sources: [], decidedAt: null, version: 5 };
    expect(currentClaimOf({ current: { annotationId: "a1", claim } })).toEqual({ annotationId: "a1", claim });
    expect(currentClaimOf({ current: { id: "a1", kind: "claim" } })).toBeNull();
    expect(currentClaimOf(undefined)).toBeNull();
    expect(currentClaimOf("conflict")).toBeNull();
  });
});
