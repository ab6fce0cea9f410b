/**
 * A revised draft over identical paragraphs, on SQLite and PostgreSQL: when the draft keeps one
 * of two identical paragraphs and nothing says which, the annotations on both are flagged (below
 * certain, listed to check), even the one on the paragraph whose text did not change; when the
 * neighbours do say which (the other copy was merged into the next paragraph), the kept copy's
 * annotation stays certain and the merged copy's follows its words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appTransport, buildTestApp, buildWorld, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ParagraphDto } from "../../common/documents.ts";
import type { RevisionReportDto } from "../../common/editing.ts";
import { CERTAIN_CONFIDENCE } from "../../common/anchoring.ts";

let t: TestApp;
let world: World<AppClient, "Eve" | "Ana">;

const FIRST = "The convoy reached the strait before dawn and waited for the escort.";
const COPY = "Under the new treaty, inspections resume at every port.";
const MIDDLE = "By the spring, the canal was open again for the second time.";
const LAST = "Insurers priced the risk of mines far above the cost of escort convoys.";

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(appTransport(t.app), { members: { Eve: "editor", Ana: "analyst" } });
});
afterAll(async () => {
  await t?.close();
});

const eve = () => world.users.Eve;
const ana = () => world.users.Ana;

async function documentOf(texts: string[]) {
  const doc = (await eve().post(`/api/workspaces/${world.workspaceId}/documents`, { format: "txt", content: texts.join("\n\n") })).body.document as { id: string };
  const ps = (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
  const annotate = async (index: number, quote: string) => {
    const p = ps[index]!;
    const at = p.text.indexOf(quote);
    const res = await ana().post(`/api/documents/${doc.id}/annotations`, { kind: "comment", body: "n", anchor: { start: { paragraphId: p.id, offset: at }, end: { paragraphId: p.id, offset: at + quote.length } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.annotation as AnnotationDto;
  };
  const revise = async (draft: string[]) => {
    const res = await eve()
      .request("POST", `/api/documents/${doc.id}/revisions`)
      .attach("file", Buffer.from(draft.join("\n\n")), { filename: "draft.txt", contentType: "text/plain" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as RevisionReportDto;
  };
  const annotations = async () => (await eve().get(`/api/documents/${doc.id}/annotations`)).body.annotations as AnnotationDto[];
  const paragraphs = async () => (await eve().get(`/api/documents/${doc.id}`)).body.paragraphs as ParagraphDto[];
  return { ps, annotate, revise, annotations, paragraphs };
}

describe("a revised draft over identical paragraphs", () => {
  it("flags the annotations on both copies when the draft keeps one and nothing says which", async () => {
    const d = await documentOf([FIRST, COPY, COPY, LAST]);
    const onFirst = await d.annotate(1, "new treaty");
    const onSecond = await d.annotate(2, "every port");
    const report = await d.revise([FIRST, COPY, LAST]);
    const toCheck = new Map(report.annotations.changed.map((c) => [c.id, c.confidence]));
    const after = new Map((await d.annotations()).map((a) => [a.id, a]));
    for (const a of [onFirst, onSecond]) {
      const now = after.get(a.id)!;
      if (now.anchor.state === "orphaned") continue;
      expect(report.annotations.exact).not.toContain(a.id);
      expect(toCheck.get(a.id)).toBeLessThan(CERTAIN_CONFIDENCE);
      expect(now.anchor.confidence).toBeLessThan(CERTAIN_CONFIDENCE);
      expect(now.anchor.quote).toBe(a.anchor.quote);
    }
    // At least the copy that stayed keeps its annotation (flagged), on the kept paragraph's words.
    expect([onFirst, onSecond].some((a) => after.get(a.id)!.anchor.state === "anchored")).toBe(true);
  });

  it("keeps the copy that stayed, as certain, when the other was merged into the next paragraph", async () => {
    const d = await documentOf([FIRST, COPY, MIDDLE, COPY, LAST]);
    const onMerged = await d.annotate(1, "new treaty");
    const onKept = await d.annotate(3, "every port");
    // The last paragraph has a word changed too, so the copies are not settled from the end.
    const report = await d.revise([FIRST, `${COPY} ${MIDDLE}`, COPY, LAST.replace("mines", "drifting mines")]);
    expect(report.annotations.exact).toContain(onKept.id);
    const after = new Map((await d.annotations()).map((a) => [a.id, a]));
    const ps = await d.paragraphs();
    expect(after.get(onKept.id)!.anchor).toMatchObject({ start: { paragraphId: d.ps[3]!.id }, confidence: 1, quote: "every port" });
    const merged = after.get(onMerged.id)!.anchor;
    expect(merged.state).toBe("anchored");
    expect(merged.start.paragraphId).toBe(ps[1]!.id);
    expect(ps[1]!.text.slice(merged.start.offset, merged.end.offset)).toBe("new treaty");
  });
});
