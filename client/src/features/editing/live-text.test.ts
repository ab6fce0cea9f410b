import { describe, expect, it } from "vitest";
import type { ParagraphDto } from "../../../../common/documents.ts";
import type { DocumentEditDto } from "../../../../common/editing.ts";
import { paragraph } from "../../editor/test-doc.ts";
import { documentText } from "./document-text.ts";
import { EditBuffer } from "./edit-buffer.ts";
import { LiveText } from "./live-text.ts";

const edit = (version: number, paragraphs: ParagraphDto[] = [], order: string[] | null = null): DocumentEditDto => ({ documentId: "d", version, paragraphs, retired: [], order, anchors: [], metadata: null });

function article(): LiveText {
  const ps = Array.from({ length: 600 }, (_, i) => paragraph(`p${i + 1}`, i, `Paragraph ${i + 1}.`));
  return new LiveText(documentText(1, ps, null), new EditBuffer());
}

/** Types `text` into paragraph `id` and sends it as `cmid`. */
function typeAndSend(live: LiveText, id: string, text: string, cmid: string): void {
  live.buffer.typed(live.text.paragraphs.find((p) => p.id === id)!, text);
  const save = live.buffer.due().find((s) => s.paragraphId === id)!;
  live.buffer.sent(save, cmid);
}

describe("the text and what comes in", () => {
  it("settles two saves whatever the order of their answers and events", () => {
    const orders: Array<Array<"a1" | "e1" | "a2" | "e2">> = [
      ["e1", "a1", "e2", "a2"],
      ["a1", "e1", "a2", "e2"],
      ["a1", "a2", "e1", "e2"],
      ["e1", "e2", "a1", "a2"],
    ];
    for (const order of orders) {
      const live = article();
      typeAndSend(live, "p1", "Paragraph 1, typed.", "m1");
      typeAndSend(live, "p600", "Paragraph 600, typed.", "m2");
      const e1 = edit(2, [{ ...paragraph("p1", 0, "Paragraph 1, typed."), version: 2 }]);
      const e2 = edit(3, [{ ...paragraph("p600", 599, "Paragraph 600, typed."), version: 2 }]);
      for (const step of order) {
        if (step === "a1") live.answered(e1, "m1");
        if (step === "a2") live.answered(e2, "m2");
        if (step === "e1") live.receive(e1, "m1");
        if (step === "e2") live.receive(e2, "m2");
      }
      expect(live.buffer.busy, order.join(" ")).toBe(false);
      expect(live.text.version).toBe(3);
    }
  });

  it("is done with a save whose answer changed nothing (the same words typed by someone else first), which has no event", () => {
    const live = article();
    typeAndSend(live, "p1", "Paragraph one.", "m1");
    // Someone else's edit typed the same words; it comes while the save is out.
    expect(live.receive(edit(2, [{ ...paragraph("p1", 0, "Paragraph one."), version: 2 }]), "other")).toBe(true);
    expect(live.buffer.busy).toBe(true);
    // The server found nothing to change: the document's version as it is, no paragraph, no event.
    const changed = live.answered(edit(2), "m1");
    expect(live.buffer.busy).toBe(false);
    expect(changed).toBe(true);
    expect(live.buffer.overlay(live.text.paragraphs)).toBe(live.text.paragraphs);
  });

  it("keeps typing done since a save that changed nothing, on the text as it now is", () => {
    const live = article();
    typeAndSend(live, "p1", "Paragraph one.", "m1");
    live.buffer.typed(live.text.paragraphs[0]!, "Paragraph one, and more.");
    live.receive(edit(2, [{ ...paragraph("p1", 0, "Paragraph one."), version: 2 }]), "other");
    live.answered(edit(2), "m1");
    expect(live.buffer.due()).toEqual([{ paragraphId: "p1", version: 2, text: "Paragraph one, and more." }]);
  });

  it("unlocks the text when a structural edit's answer changed nothing", () => {
    const live = article();
    live.structural = { cmid: "m1", caret: () => ({ paragraphId: "p2", offset: 0 }) };
    // Someone else made the same move just before.
    const order = live.text.paragraphs.map((p) => p.id);
    [order[0], order[1]] = [order[1]!, order[0]!];
    live.receive(edit(2, [], order), "other");
    expect(live.locked).toBe(true);
    const changed = live.answered(edit(2), "m1");
    expect(live.locked).toBe(false);
    expect(changed).toBe(true);
  });

  it("waits for the events when an answer is ahead of the text", () => {
    const live = article();
    typeAndSend(live, "p1", "Paragraph one.", "m1");
    const mine = edit(3, [{ ...paragraph("p1", 0, "Paragraph one."), version: 2 }]);
    expect(live.answered(mine, "m1")).toBe(false);
    expect(live.buffer.busy).toBe(true);
    live.receive(edit(2, [{ ...paragraph("p5", 4, "Someone else's."), version: 2 }]), "other");
    live.receive(mine, "m1");
    expect(live.buffer.busy).toBe(false);
    expect(live.text.version).toBe(3);
  });
});
