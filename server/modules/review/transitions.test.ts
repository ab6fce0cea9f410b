import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLAIM_STATUSES, isVerdict, type ClaimStatus } from "../../../common/review.ts";
import { ROLES, type Role } from "../../../common/workspaces.ts";
import { HttpError } from "../../http/errors.ts";
import { planReview, type ClaimSnapshot } from "./transitions.ts";
import { moveBetween, nextStatuses } from "../../../common/review-rules.ts";

const AUTHOR = "u_author";
const ASSIGNEE = "u_assignee";
const snap = (status: ClaimStatus, rationale = "", assigneeId: string | null = null): ClaimSnapshot => ({ status, rationale, sources: [], authorId: AUTHOR, assigneeId });
const statusOf = (f: () => unknown): number | "ok" => {
  try {
    f();
    return "ok";
  } catch (e) {
    return (e as HttpError).status;
  }
};

describe("the claim state machine", () => {
  it("has exactly the documented edges", () => {
    expect(nextStatuses("open")).toEqual(["in_review", "supported", "disputed", "false", "misleading", "unverifiable", "retracted"]);
    expect(nextStatuses("in_review")).toEqual(["open", "supported", "disputed", "false", "misleading", "unverifiable", "retracted"]);
    expect(nextStatuses("false")).toEqual(["open", "in_review", "retracted"]);
    expect(nextStatuses("retracted")).toEqual(["open"]);
    expect(moveBetween("supported", "disputed")).toBeNull();
    expect(moveBetween("retracted", "retracted")).toBeNull();
  });

  it("lets analysts move only their own claims between open and in_review, and retract or restore them", () => {
    const analyst = (userId: string) => ({ userId, role: "analyst" as Role });
    expect(statusOf(() => planReview(snap("open"), { status: "in_review" }, analyst(AUTHOR)))).toBe("ok");
    expect(statusOf(() => planReview(snap("in_review"), { status: "open" }, analyst(AUTHOR)))).toBe("ok");
    expect(statusOf(() => planReview(snap("open"), { status: "in_review" }, analyst("u_other")))).toBe(403);
    expect(statusOf(() => planReview(snap("open"), { status: "supported", rationale: "x" }, analyst(AUTHOR)))).toBe(403);
    expect(statusOf(() => planReview(snap("open"), { status: "retracted" }, analyst(AUTHOR)))).toBe("ok");
    expect(statusOf(() => planReview(snap("retracted"), { status: "open" }, analyst(AUTHOR)))).toBe("ok");
    expect(statusOf(() => planReview(snap("retracted"), { status: "open" }, analyst("u_other")))).toBe(403);
    expect(statusOf(() => planReview(snap("open"), { status: "retracted" }, { userId: AUTHOR, role: "viewer" }))).toBe(403);
  });

  it("lets the analyst a claim is assigned to review it like an editor, and nobody else below editor", () => {
    const assignee = { userId: ASSIGNEE, role: "analyst" as Role };
    expect(statusOf(() => planReview(snap("open", "", ASSIGNEE), { status: "in_review" }, assignee))).toBe("ok");
    const decided = planReview(snap("in_review", "", ASSIGNEE), { status: "disputed", rationale: "Figures differ from the ministry's." }, assignee);
    expect([decided.move, decided.data.reviewerId]).toEqual(["decide", ASSIGNEE]);
    expect(statusOf(() => planReview(snap("disputed", "why", ASSIGNEE), { sources: ["https://stats.example.org/t1"] }, assignee))).toBe("ok");
    expect(statusOf(() => planReview(snap("disputed", "why", ASSIGNEE), { status: "open" }, assignee))).toBe("ok");
    // The same analyst on a claim assigned to someone else, or unassigned: refused.
    expect(statusOf(() => planReview(snap("in_review", "", "u_someone"), { status: "disputed", rationale: "x" }, assignee))).toBe(403);
    expect(statusOf(() => planReview(snap("in_review"), { status: "disputed", rationale: "x" }, assignee))).toBe(403);
    // Assignment does not outlive the role: a viewer who is still named assignee cannot decide.
    expect(statusOf(() => planReview(snap("in_review", "", ASSIGNEE), { status: "disputed", rationale: "x" }, { userId: ASSIGNEE, role: "viewer" }))).toBe(403);
    // Retracting stays the author's or an editor's.
    expect(statusOf(() => planReview(snap("open", "", ASSIGNEE), { status: "retracted" }, assignee))).toBe(403);
  });

  it("never lets a verdict exist without a rationale, and stamps reviewer and time on decisions", () => {
    const now = new Date("2026-01-02T03:04:05Z");
    fc.assert(
      fc.property(
        fc.constantFrom(...CLAIM_STATUSES),
        fc.constantFrom(...CLAIM_STATUSES),
        fc.constantFrom(...ROLES),
        fc.boolean(),
        fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
        (from, to, role, own, rationale) => {
          const current = snap(from, isVerdict(from) ? "earlier" : "");
          let plan;
          try {
            plan = planReview(current, { status: to, rationale }, { userId: own ? AUTHOR : "u_x", role }, now);
          } catch (e) {
            expect(e).toBeInstanceOf(HttpError);
            expect([400, 403]).toContain((e as HttpError).status);
            return;
          }
          if (plan.noop) return;
          expect(moveBetween(from, to)).not.toBeNull();
          if (isVerdict(plan.toStatus)) {
            expect(plan.data.rationale.trim()).not.toBe("");
            expect(plan.data.reviewerId).toBe(own ? AUTHOR : "u_x");
            expect(plan.data.decidedAt).toEqual(now);
            expect(["editor", "owner"]).toContain(role);
          }
          if (plan.move === "reopen" || plan.move === "retract") expect(plan.data.reviewerId).toBeNull();
        },
      ),
    );
  });

  it("records only real changes and treats a request that changes nothing as a no-op", () => {
    const editor = { userId: "u_e", role: "editor" as Role };
    const plan = planReview({ ...snap("disputed", "why"), sources: ["https://a.example"] }, { rationale: "why", sources: ["https://a.example"] }, editor);
    expect(plan.noop).toBe(true);
    const amend = planReview({ ...snap("disputed", "why"), sources: [] }, { sources: ["https://a.example"] }, editor);
    expect(amend.changes).toEqual({ sources: { from: [], to: ["https://a.example"] } });
    expect(amend.move).toBe("amend");
  });
});
