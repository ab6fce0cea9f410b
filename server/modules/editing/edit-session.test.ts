import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { quoteOf } from "../../../common/anchoring.ts";
import { carry, touchedBy, type CarriedAnchor, type StoredAnchor } from "../../anchoring/carry.ts";
import { JOBS } from "../../workers/jobs.ts";
import { applyDraft, draftRescue } from "./revision.service.ts";
import { EditSession, type ParagraphState } from "./edit-session.ts";
import { rankAt } from "../documents/ranks.ts";
import { mergeTexts } from "../../anchoring/text-map.ts";

const para = (id: string, text: string, i: number): ParagraphState => ({ id, rank: rankAt(i), version: 1, kind: "paragraph", text, level: null, role: null, depth: null, ordered: null, marks: null });
const doc = (...texts: string[]) => texts.map((t, i) => para(`p${i}`, t, i));
const anchor = (id: string, paras: ParagraphState[], sp: number, so: number, ep: number, eo: number): StoredAnchor => {
  const span = paras.slice(sp, ep + 1);
  return { id, startPid: paras[sp]!.id, startOffset: so, endPid: paras[ep]!.id, endOffset: eo, quote: quoteOf(span, so, eo), prefix: "", suffix: "", confidence: 1 };
};
const session = (paras: ParagraphState[]) => new EditSession(paras, () => null);

describe("edit session: anchors through edits", () => {
  it("moves anchors exactly through a typo fix outside them, and keeps the quote", () => {
    const paras = doc("The fleet sailed at dusk, and the harbour emptied.");
    const at = paras[0]!.text.indexOf("at dusk");
    const a = anchor("a", paras, 0, at, 0, at + 7);
    expect(a.quote).toBe("at dusk");
    const s = session(paras);
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "The whole fleet sailed at dusk, and the harbour emptied." }, 0);
    const c = carry(s, a);
    expect([c.outcome, c.startOffset, c.endOffset, c.quote]).toEqual(["exact", at + 6, at + 13, "at dusk"]);
  });

  it("keeps an anchor whose quote was partly reworded, with lower confidence, and orphans one whose quote was deleted", () => {
    const paras = doc("Analysts expect three new regional agreements by 2030, though none will be verifiable.");
    const kept = anchor("k", paras, 0, 16, 0, 53);
    const gone = anchor("g", paras, 0, 55, 0, 86);
    const s = session(paras);
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "Analysts expect four new regional agreements by 2030." }, 0);
    const k = carry(s, kept);
    expect(k.outcome).toBe("changed");
    expect(k.quote).toBe("four new regional agreements by 2030");
    expect(k.confidence).toBeLessThan(1);
    expect(k.confidence).toBeGreaterThan(0.5);
    const g = carry(s, gone);
    expect([g.outcome, g.quote]).toEqual(["orphaned", gone.quote]);
  });

  it("counts a structural edit against an anchor over several paragraphs only where it breaks or changes that stretch", () => {
    const paras = doc("Zero.", "One.", "Two.", "Three.", "Four.", "Five.", "Six.");
    const oldOrder = new Map(paras.map((p, i) => [p.id, i]));
    const early = anchor("e", paras, 0, 0, 1, 3); // "Zero.\nOne"
    const late = anchor("l", paras, 4, 0, 6, 3); // "Four.\nFive.\nSix"
    const s = session(paras);
    // Paragraph 3 moves between 5 and 6: the late stretch now has a stranger in it; the early one is untouched.
    s.apply({ op: "move", paragraphId: "p3", after: "p5" }, 0);
    expect(touchedBy(s, early, oldOrder)).toBe(false);
    expect(touchedBy(s, late, oldOrder)).toBe(true);
    expect(carry(s, late).outcome).toBe("orphaned");
    // A paragraph inserted at the very end, or one between the two stretches, touches neither.
    const t = session(paras);
    t.apply({ op: "insert", after: "p6", paragraphs: [{ kind: "paragraph", text: "Seven." }] }, 0);
    t.apply({ op: "insert", after: "p2", paragraphs: [{ kind: "paragraph", text: "Two and a half." }] }, 1);
    expect(touchedBy(t, early, oldOrder)).toBe(false);
    expect(touchedBy(t, late, oldOrder)).toBe(false);
    // One inserted inside a stretch does.
    const u = session(paras);
    u.apply({ op: "insert", after: "p0", paragraphs: [{ kind: "paragraph", text: "Half." }] }, 0);
    expect(touchedBy(u, early, oldOrder)).toBe(true);
    expect(touchedBy(u, late, oldOrder)).toBe(false);
  });

  it("carries anchors through split, merge, move and retire", () => {
    const paras = doc("First part. Second part.", "Middle paragraph.", "Last paragraph here.");
    const across = anchor("x", paras, 0, 6, 0, 17); // "part. Secon"
    const inLast = anchor("l", paras, 2, 5, 2, 14); // "paragraph"
    const inMiddle = anchor("m", paras, 1, 0, 1, 6);
    const s = session(paras);
    s.apply({ op: "split", paragraphId: "p0", baseVersion: 1, offset: 12 }, 0);
    s.apply({ op: "move", paragraphId: "p2", after: null }, 1);
    s.apply({ op: "retire", paragraphId: "p1" }, 2);
    const x = carry(s, across);
    expect([x.outcome, x.startPid, x.endPid, x.quote]).toEqual(["exact", "p0", s.order[2]!.id, "part. \nSecon"]);
    expect(carry(s, inLast)).toMatchObject({ outcome: "exact", startPid: "p2", startOffset: 5, quote: "paragraph" });
    expect(carry(s, inMiddle)).toMatchObject({ outcome: "orphaned", quote: "Middle" });
    // Merging the split back makes the anchor one paragraph's again.
    const t = session(s.order);
    t.apply({ op: "merge", paragraphId: "p0", baseVersion: 2 }, 0);
    expect(carry(t, { ...across, ...x })).toMatchObject({ outcome: "exact", startPid: "p0", endPid: "p0", quote: "part. Secon" });
  });

  it("keeps an untouched sentence exact when a sentence starting with the same words is inserted before it", () => {
    const paras = doc("Talks stalled in May. The modest corridor held through the winter.");
    const at = paras[0]!.text.indexOf("The modest");
    const a = anchor("a", paras, 0, at, 0, paras[0]!.text.length);
    const s = session(paras);
    const inserted = "The decisive ceasefire failed in June. ";
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: paras[0]!.text.slice(0, at) + inserted + paras[0]!.text.slice(at) }, 0);
    expect(carry(s, a)).toMatchObject({ outcome: "exact", startOffset: at + inserted.length, quote: a.quote, confidence: 1 });
  });

  it("does not re-read an edit onto a second occurrence of the words (replacing the first 'tariffs')", () => {
    const paras = doc("Ministers raised tariffs and tariffs again.");
    const a = anchor("a", paras, 0, 17, 0, 24); // the first "tariffs"
    const s = session(paras);
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "Ministers raised duties and tariffs again." }, 0);
    const c = carry(s, a);
    expect(c.outcome).not.toBe("exact");
    if (c.outcome === "changed") expect(c.startOffset).toBeLessThan(24);
  });

  it("orphans a spanning anchor when a paragraph from elsewhere is moved into its span, and one that grew past twice its size", () => {
    const paras = doc("Alpha one.", "Beta two.", "Gamma three.", "Delta four.");
    const spanning = anchor("s", paras, 0, 6, 1, 4); // "one.\nBeta"
    const s = session(paras);
    s.apply({ op: "move", paragraphId: "p3", after: "p0" }, 0);
    expect(carry(s, spanning).outcome).toBe("orphaned");
    const grown = doc("The cap held.");
    const g = anchor("g", grown, 0, 4, 0, 7); // "cap"
    const t = session(grown);
    t.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "The ca-and-trade scheme p held." }, 0);
    expect(carry(t, g).outcome).toBe("orphaned");
  });

  it("keeps an anchor's end inside its paragraph when the paragraph it ended in is retired and the one before is rewritten in the same edit", () => {
    // A revised draft that joins two paragraphs retires the second and rewrites the first; an edit
    // can do the same in two steps. The end point went to the end of the paragraph before as it
    // was after the whole edit, then was mapped again through that paragraph's diff.
    const paras = doc("Alpha beta gamma.", "Delta epsilon.", "Zeta eta theta.");
    const across = anchor("x", paras, 0, 6, 1, 5); // "beta gamma.\nDelta"
    const s = session(paras);
    s.apply({ op: "retire", paragraphId: "p1" }, 0);
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "Alpha beta gamma. Delta epsilon." }, 1);
    const c = carry(s, across);
    expect(c).toMatchObject({ outcome: "changed", startPid: "p0", startOffset: 6, endPid: "p0", endOffset: 17, quote: "beta gamma.", suffix: " Delta epsilon." });
    const draft = ["Alpha beta gamma. Delta epsilon.", "Zeta eta theta."];
    const { plan } = JOBS.alignRevision({ old: paras.map((q) => ({ id: q.id, text: q.text })), next: draft, anchors: [across] });
    const t = session(paras);
    applyDraft(t, draft.map((text) => ({ kind: "paragraph", text })), plan);
    expect(carry(t, across)).toMatchObject({ endPid: "p0", endOffset: 17, quote: "beta gamma." });
  });

  it("does not read words inserted inside a quote as the quote moving onto a copy of it typed beside it", () => {
    const paras = doc("The credible mandate restored the grain corridor reopened in the northern ports.");
    const at = paras[0]!.text.indexOf("the grain corridor");
    const a = anchor("a", paras, 0, at, 0, at + 18);
    const s = session(paras);
    // "the grain corridor " typed before "restored", and a sentence typed inside the annotated words.
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: "The credible mandate the grain corridor restored the grain The decisive mandate financed the protocol. corridor reopened in the northern ports." }, 0);
    expect(carry(s, a).outcome).not.toBe("exact");
  });

  it("lowers the confidence of a changed quote however long the quote is", () => {
    const long = Array.from({ length: 120 }, (_, i) => `The convoy ${i} reached the northern strait by noon.`).join(" ");
    const paras = doc(long);
    const a = anchor("a", paras, 0, 0, 0, long.length);
    const s = session(paras);
    s.apply({ op: "text", paragraphId: "p0", baseVersion: 1, text: long.replace("convoy 7 ", "convoi 7 ") }, 0);
    const c = carry(s, a);
    expect(c.outcome).toBe("changed");
    expect(c.confidence).toBeLessThan(1);
  });

  it("does not continue a short paragraph in a long new paragraph of a draft that merely repeats its words", () => {
    const paras = doc("The fleet left the harbour at dawn.", "Results", "The convoy reached the strait by noon.");
    const a = anchor("a", paras, 1, 0, 1, 7);
    // The heading went into the paragraph above; a new paragraph happens to start with its word.
    const draft = ["The fleet left the harbour at dawn. Results", "Results were mixed across the three northern ports this year.", "The convoy reached the strait by noon."];
    const { plan, placements } = JOBS.alignRevision({ old: paras.map((q) => ({ id: q.id, text: q.text })), next: draft, anchors: [a] });
    expect(plan.matchOf).toEqual(["p0", null, "p2"]);
    const s = session(paras);
    const { ids } = applyDraft(s, draft.map((text) => ({ kind: "paragraph", text })), plan);
    let c: CarriedAnchor = carry(s, a);
    if (c.anchorState === "orphaned") c = draftRescue(placements, ids)(s, a) ?? c;
    // Placed only by its words (flagged) or orphaned: never carried as certain.
    if (c.anchorState === "anchored") expect(c.confidence).toBeLessThan(1);
  });

  it("does not place a rewritten paragraph's quote on the same words a kept paragraph already had", () => {
    const paras = doc("The envoy restored calm as the minister said after talks.", "as the minister said", "Closing words here.");
    // The "s" of the second paragraph: its whole suffix " the minister said" also follows an "s" in the first.
    const a = { ...anchor("a", paras, 1, 1, 1, 2), prefix: "a", suffix: " the minister said" };
    const draft = ["The envoy restored calm as the minister said after talks.", "as northern protocol", "Closing words here."];
    const { plan, placements } = JOBS.alignRevision({ old: paras.map((q) => ({ id: q.id, text: q.text })), next: draft, anchors: [a] });
    expect(plan.matchOf).toEqual(["p0", null, "p2"]);
    const placed = placements.find((x) => x.annotationId === "a");
    expect(placed?.start.index).not.toBe(0);
  });

  it("merges concurrent edits of different words, refuses edits of the same word", () => {
    const base = "The treaty limits deployments near the border.";
    expect(mergeTexts(base, "The treaty caps deployments near the border.", "The treaty limits deployments near the frontier.")).toBe("The treaty caps deployments near the frontier.");
    expect(mergeTexts(base, "The treaty caps deployments near the border.", "The treaty restricts deployments near the border.")).toBeNull();
    expect(mergeTexts(base, base, "x")).toBe("x");
  });

  it("property: after any sequence of edits and revised drafts, every anchor either quotes its text exactly or is orphaned", () => {
    const words = ["the", "treaty", "limits", "missile", "tests", "near", "border", "and", "ports", "grain"];
    const text = fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 12 }).map((w) => w.join(" ") + ".");
    const opArb = fc.record({ kind: fc.constantFrom("type", "delete", "replace", "split", "merge", "move", "retire", "insert", "draft"), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000), word: fc.constantFrom(...words) });
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 6 }), fc.array(fc.tuple(fc.nat(100), fc.nat(1000), fc.nat(100), fc.nat(1000)), { minLength: 1, maxLength: 8 }), fc.array(opArb, { minLength: 1, maxLength: 10 }), (texts, spans, ops) => {
        let paras = doc(...texts);
        let anchors: StoredAnchor[] = [];
        spans.forEach(([sp, so, ep, eo], i) => {
          let s = sp % paras.length;
          let e = ep % paras.length;
          if (s > e) [s, e] = [e, s];
          let a = so % (paras[s]!.text.length + 1);
          let b = eo % (paras[e]!.text.length + 1);
          if (s === e && a > b) [a, b] = [b, a];
          if (s === e && a === b) return;
          const x = anchor(`a${i}`, paras, s, a, e, b);
          if (x.quote.trim()) anchors.push(x);
        });
        for (const op of ops) {
          const s = session(paras);
          const oldOrder = new Map(paras.map((p, i) => [p.id, i]));
          const p = paras[op.a % paras.length]!;
          const at = op.b % (p.text.length + 1);
          const to = Math.min(p.text.length, at + (op.c % 12));
          try {
            if (op.kind === "type") s.apply({ op: "text", paragraphId: p.id, baseVersion: p.version, text: p.text.slice(0, at) + op.word + " " + p.text.slice(at) }, 0);
            if (op.kind === "delete" && to > at && p.text.length - (to - at) > 0) s.apply({ op: "text", paragraphId: p.id, baseVersion: p.version, text: p.text.slice(0, at) + p.text.slice(to) }, 0);
            if (op.kind === "replace") s.apply({ op: "text", paragraphId: p.id, baseVersion: p.version, text: p.text.slice(0, at) + op.word + p.text.slice(to) }, 0);
            if (op.kind === "split") s.apply({ op: "split", paragraphId: p.id, baseVersion: p.version, offset: at }, 0);
            if (op.kind === "merge" && paras.indexOf(p) < paras.length - 1) s.apply({ op: "merge", paragraphId: p.id, baseVersion: p.version }, 0);
            if (op.kind === "move") s.apply({ op: "move", paragraphId: p.id, after: op.c % 2 ? null : paras[op.c % paras.length]!.id === p.id ? null : paras[op.c % paras.length]!.id }, 0);
            if (op.kind === "retire" && paras.length > 1) s.apply({ op: "retire", paragraphId: p.id }, 0);
            if (op.kind === "insert") s.apply({ op: "insert", after: p.id, paragraphs: [{ kind: "paragraph", text: `${op.word} inserted.` }] }, 0);
          } catch {
            continue;
          }
          // A revised draft: one paragraph reworded at a spot, one dropped, one new; aligned and laid
          // over the session, orphans searched for in the draft as the server does.
          let rescue: ((session: EditSession, a: StoredAnchor) => CarriedAnchor | null) | null = null;
          if (op.kind === "draft") {
            const texts = paras.map((q) => q.text);
            const i = op.a % texts.length;
            texts[i] = texts[i]!.slice(0, at) + op.word + texts[i]!.slice(to);
            if (texts.length > 2) texts.splice(op.c % texts.length, 1);
            texts.splice(op.b % (texts.length + 1), 0, `${op.word} added in the draft.`);
            const { plan, placements } = JOBS.alignRevision({ old: paras.map((q) => ({ id: q.id, text: q.text })), next: texts, anchors });
            const { ids } = applyDraft(s, texts.map((text) => ({ kind: "paragraph", text })), plan);
            rescue = draftRescue(placements, ids);
          }
          const next: StoredAnchor[] = [];
          for (const a of anchors) {
            let c = touchedBy(s, a, oldOrder) ? carry(s, a) : { ...a, outcome: "exact" as const, anchorState: "anchored" as const };
            if (c.anchorState === "orphaned" && rescue) c = rescue(s, a) ?? c;
            if (c.anchorState === "orphaned") continue;
            const si = s.position(c.startPid);
            const ei = s.position(c.endPid);
            expect(si).toBeGreaterThanOrEqual(0);
            expect(quoteOf(s.order.slice(si, ei + 1), c.startOffset, c.endOffset)).toBe(c.quote);
            next.push({ ...a, startPid: c.startPid, startOffset: c.startOffset, endPid: c.endPid, endOffset: c.endOffset, quote: c.quote, prefix: c.prefix, suffix: c.suffix, confidence: c.confidence });
          }
          anchors = next;
          paras = s.order.map((q, i) => ({ ...q, rank: q.rank || rankAt(i) }));
        }
      }),
      { numRuns: 300 },
    );
  });
});
