import { describe, expect, it } from "vitest";
import { JOBS } from "./jobs.ts";
import { keptSpan, textDiff } from "../anchoring/text-map.ts";

const BEFORE =
  "The reluctant convoy btocked the minister of the decisive missile. The npval convoy extended the tribunal after 7 weeks of envoy talks. By the spring, the modest treaty restored the ministry of the decisive mandate after 35 months of mandate talks. By the spring, the fragile border lowered the minister. By the spring, the naval border reviewed the warhead after 31 months of mandate talks. The northern tribunal rejected the pfrliament.";
// Seven words in ten replaced: too little survives to pair it with the old paragraph. Two of the
// new words happen to be "envoy" too; the old one ("7 weeks of envoy talks") was left as it was.
const AFTER =
  "coalition budget convoy garrison budget budget of blockade minister missile. subsidy npval ledger envoy harvest tribunal quota 7 alliance budget envoy tariff. By strait blockade, currency observer treaty restored ministry refinery border the quota mandate reserve 35 harvest border budget pipeline. By strait ceasefire, alliance fragile ministry tanker deficit bond. convoy the freight, tariff naval inspector cabinet envoy alliance after 31 months embargo mandate harbour. The border corridor rejected garrison pfrliament.";
const OTHER = ["The first paragraph stays as it was.", "The last paragraph stays as it was too."];

function revise(quoteStart: number, quoteEnd: number, after = AFTER) {
  const old = [
    { id: "p1", text: OTHER[0]! },
    { id: "p2", text: BEFORE },
    { id: "p3", text: OTHER[1]! },
  ];
  const anchor = { id: "a1", startPid: "p2", startOffset: quoteStart, endPid: "p2", endOffset: quoteEnd, quote: BEFORE.slice(quoteStart, quoteEnd), prefix: BEFORE.slice(Math.max(0, quoteStart - 32), quoteStart), suffix: BEFORE.slice(quoteEnd, quoteEnd + 32) };
  return JOBS.alignRevision({ old, next: [OTHER[0]!, after, OTHER[1]!], anchors: [anchor] });
}

describe("a revised draft that rewrites a paragraph in place", () => {
  const talks = BEFORE.indexOf("envoy talks");

  it("retires the rewritten paragraph (the case below is the slot search's, not the alignment's)", () => {
    const { plan } = revise(talks, talks + 5);
    expect(plan.retired).toEqual(["p2"]);
    expect(plan.slots.p2).toEqual([1]);
  });

  it("places a quote whose words now occur several times on the occurrence the character diff keeps", () => {
    const { placements } = revise(talks, talks + 5);
    const at = AFTER.indexOf("envoy tariff");
    expect(placements).toEqual([{ annotationId: "a1", start: { index: 1, offset: at }, end: { index: 1, offset: at + 5 }, confidence: 0.5 }]);
  });

  it("places none when the words occur several times and the diff keeps none of them as the old characters", () => {
    // Every "envoy" of this draft is new: the old one was replaced too, and another added.
    const fresh = AFTER.replace("budget envoy tariff", "budget quota tariff").replace("ledger envoy", "ledger envoy envoy");
    expect(revise(talks, talks + 5, fresh).placements).toEqual([]);
  });
});

describe("keptSpan", () => {
  it("answers the new offset of a span the diff keeps whole, and null for one it changes", () => {
    const d = textDiff("the red fox jumps", "a red fox now jumps");
    expect(keptSpan(d, 4, 11)).toBe(2);
    expect(keptSpan(d, 4, 17)).toBeNull();
    expect(keptSpan(d, 0, 3)).toBeNull();
  });
});
