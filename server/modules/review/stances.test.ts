import { describe, expect, it } from "vitest";
import { tallyStances, type StanceReply } from "./stances.ts";

let n = 0;
const reply = (authorId: string, stance: string, minute: number, deleted = false): StanceReply => ({
  id: `r_${String(n++).padStart(3, "0")}`,
  authorId,
  stance,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  deletedAt: deleted ? new Date() : null,
});

describe("stance tally", () => {
  it("counts each person once, with their latest stance-taking reply", () => {
    const tally = tallyStances([
      reply("ana", "supports", 1),
      reply("ana", "disputes", 5),
      reply("ana", "none", 9),
      reply("ben", "questions", 2),
      reply("cy", "supports", 3),
      reply("cy", "disputes", 4, true),
      reply("dee", "none", 1),
    ]);
    expect(tally).toEqual({ supports: 1, disputes: 1, questions: 1 });
  });

  it("breaks a same-time tie by reply id so the tally is deterministic", () => {
    const a = reply("ana", "supports", 1);
    const b = { ...reply("ana", "disputes", 1) };
    expect(tallyStances([b, a])).toEqual(tallyStances([a, b]));
  });
});
