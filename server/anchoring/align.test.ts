import { describe, expect, it } from "vitest";
import { CERTAIN_CONFIDENCE, contextOf, quoteOf } from "../../common/anchoring.ts";
import { carry, doubted, touchedBy, type CarriedAnchor, type StoredAnchor } from "./carry.ts";
import { alignParagraphs } from "./align.ts";
import { JOBS } from "../workers/jobs.ts";
import { applyDraft, draftRescue } from "../modules/editing/revision.service.ts";
import { EditSession, type ParagraphState } from "../modules/editing/edit-session.ts";
import { rankAt } from "../modules/documents/ranks.ts";

const para = (id: string, text: string, i: number): ParagraphState => ({ id, rank: rankAt(i), version: 1, kind: "paragraph", text, level: null, role: null, depth: null, ordered: null, marks: null });
const doc = (...texts: string[]) => texts.map((t, i) => para(`p${i}`, t, i));

/** An anchor on `quote` (its first occurrence) in paragraph `pi`, with its context, as the server stores it. */
function anchorOn(id: string, paras: ParagraphState[], pi: number, quote: string): StoredAnchor {
  const text = paras[pi]!.text;
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`${quote} is not in p${pi}`);
  return { id, startPid: paras[pi]!.id, startOffset: at, endPid: paras[pi]!.id, endOffset: at + quote.length, quote: quoteOf([paras[pi]!], at, at + quote.length), ...contextOf(text, at, text, at + quote.length), confidence: 1 };
}

/** A revised draft laid over the paragraphs as the revise route does; answers each anchor after it and the draft's paragraph ids. */
function revise(paras: ParagraphState[], draft: string[], anchors: StoredAnchor[]) {
  const { plan, placements } = JOBS.alignRevision({ old: paras.map((p) => ({ id: p.id, text: p.text })), next: draft, anchors });
  const oldOrder = new Map(paras.map((p, i) => [p.id, i]));
  const session = new EditSession(paras, () => null);
  const { ids } = applyDraft(
    session,
    draft.map((text) => ({ kind: "paragraph", text })),
    plan,
  );
  const rescue = draftRescue(placements, ids);
  const doubtful = new Set(plan.doubtful);
  const carried = anchors.map((a) => {
    const inDoubt = doubtful.has(a.startPid) || doubtful.has(a.endPid);
    let c: CarriedAnchor = touchedBy(session, a, oldOrder) || inDoubt ? carry(session, a) : { ...a, outcome: "exact", anchorState: "anchored" };
    if (c.anchorState === "orphaned") c = rescue(session, a) ?? c;
    return inDoubt ? doubted(a, c) : c;
  });
  return { plan, ids, carried };
}

const A = "The binding envoy lowered the summit after 3 days of talks.";
const B = "The reluctant strait financed the inspector after 6 days of talks.";
const TREATY = "under the new treaty";
const SPRING = "By the spring, the sudden canal reviewed for the second time.";

describe("aligning a revised draft: identical and look-alike paragraphs", () => {
  it("keeps the copy that stays in place when its identical twin is merged into the next paragraph, and finds the twin's words there", () => {
    // Found by the anchoring fuzz (seed 20262117): the copy kept was the first, by the diff's tie-break,
    // and the annotations on the second were placed, as certain, on the first copy's words.
    const paras = doc(A, TREATY, SPRING, TREATY, B);
    const onFirst = anchorOn("first", paras, 1, "under");
    const onSecond = anchorOn("second", paras, 3, "treaty");
    // The last paragraph has a typo fixed, so the diff does not settle the copies from the end.
    const draft = [A, `${TREATY} ${SPRING}`, TREATY, B.replace("after", "aftee")];
    const { plan, ids, carried } = revise(paras, draft, [onFirst, onSecond]);
    expect(plan.matchOf).toEqual(["p0", "p2", "p3", "p4"]);
    const [first, second] = carried;
    // The second copy did not move: its annotation stays on it, as certain.
    expect([second!.startPid, second!.startOffset, second!.confidence]).toEqual(["p3", 14, 1]);
    // The first copy's words start the merged paragraph.
    expect([first!.anchorState, first!.startPid, first!.startOffset, first!.quote]).toEqual(["anchored", ids[1], 0, "under"]);
  });

  it("flags, rather than carries as certain, annotations on identical paragraphs when the draft keeps one and nothing says which", () => {
    const paras = doc(A, TREATY, TREATY, B);
    const anchors = [anchorOn("first", paras, 1, "new"), anchorOn("second", paras, 2, "treaty")];
    const { plan, carried } = revise(paras, [A, TREATY, B], anchors);
    for (const c of carried) if (c.anchorState === "anchored") expect(c.confidence).toBeLessThan(CERTAIN_CONFIDENCE);
    expect(new Set(plan.doubtful)).toEqual(new Set(["p1", "p2"]));
  });

  it("flags a reworded pair when the old paragraph's whole text stands in another draft paragraph (moved there)", () => {
    // Found by the anchoring fuzz (seed 20262237): the paragraph was moved to the top and a new one
    // repeating it was written in its place; the new one was taken for it, as certain.
    const moved = "The costly frigate restored the treaty as the minister said.";
    const paras = doc(A, SPRING, moved, B);
    const a = anchorOn("a", paras, 2, "costly frigate");
    const draft = [moved, A, SPRING, `The costly mandate doubled the convoy. ${moved}`, B];
    const { plan, carried } = revise(paras, draft, [a]);
    const c = carried[0]!;
    if (c.anchorState === "anchored") expect(c.confidence).toBeLessThan(CERTAIN_CONFIDENCE);
    expect(plan.doubtful).toContain("p2");
  });

  it("places a lost quote flagged, not as certain, when the current text has the quote beside its whole context twice", () => {
    // Found by the anchoring fuzz (seed 20261520): the rewritten paragraph's quote and suffix were
    // found once in the draft, inside another paragraph's words that had them too.
    const other = "Meanwhile, the northern envoy said as the minister said at noon.";
    const paras = doc(A, "as the minister said", SPRING, other, B);
    const a = anchorOn("a", paras, 1, "as");
    const draft = [A, "as northern protocol", `${SPRING} ${other}`, B];
    const { plan, carried } = revise(paras, draft, [a]);
    expect(plan.retired).toContain("p1");
    const c = carried[0]!;
    if (c.anchorState === "anchored") expect(c.confidence).toBeLessThan(CERTAIN_CONFIDENCE);
  });

  it("reports an annotation in doubt as one to check even when it is already at the lowest confidence", () => {
    // An annotation flagged before (at the floor, 0.05) carried word for word onto a paragraph in doubt:
    // its confidence cannot go lower, and it was reported as carried exactly.
    const paras = doc(A, TREATY, TREATY, B);
    const low = { ...anchorOn("low", paras, 1, "new"), confidence: 0.05 };
    const half = { ...anchorOn("half", paras, 2, "treaty"), confidence: 0.5 };
    const { carried } = revise(paras, [A, TREATY, B], [low, half]);
    for (const c of carried) {
      if (c.anchorState !== "anchored") continue;
      expect(c.outcome).toBe("changed");
      expect(c.confidence).toBeLessThanOrEqual(0.5);
    }
    const session = new EditSession(paras, () => null);
    const exact: CarriedAnchor = { ...carry(session, low) };
    expect(exact.outcome).toBe("exact");
    expect(doubted(low, exact)).toMatchObject({ outcome: "changed", confidence: 0.05 });
  });

  it("does not flag paragraphs merged with their neighbour, nor identical paragraphs the draft keeps in order", () => {
    const paras = doc(A, TREATY, SPRING, B, TREATY);
    expect(alignParagraphs(paras, [`${A} ${TREATY}`, SPRING, B, TREATY]).doubtful).toEqual([]);
    expect(alignParagraphs(paras, [A, TREATY, `${SPRING} A new sentence.`, B, TREATY]).doubtful).toEqual([]);
  });
});
