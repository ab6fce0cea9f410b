import { Document, HeadingLevel, Packer, Paragraph, TextRun, type IStylesOptions } from "docx";
import { describe, expect, it } from "vitest";
import { parseDocx } from "./docx.ts";

const BODY = "Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight that ministers now place on it.";

function docx(children: Paragraph[], styles?: IStylesOptions): Promise<Buffer> {
  return Packer.toBuffer(new Document({ ...(styles ? { styles } : {}), sections: [{ children }] }));
}

const marksOf = (doc: Awaited<ReturnType<typeof parseDocx>>, text: string) => doc.blocks.find((b) => b.text.startsWith(text))?.marks ?? [];

describe("Word character styles", () => {
  it("takes bold and italic given by a character style (and by one it is based on) as bold and italic", async () => {
    const styles: IStylesOptions = {
      characterStyles: [
        { id: "Bold", name: "Bold", run: { bold: true } },
        { id: "StrongEmphasis", name: "Strong Emphasis", basedOn: "Bold" },
        { id: "Ital", name: "Ital", run: { italics: true } },
        { id: "NotBold", name: "Not Bold", basedOn: "Bold", run: { bold: false } },
      ],
    };
    const doc = await parseDocx(
      await docx(
        [
          new Paragraph({ text: "Hedging in practice", heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun("Verification is "), new TextRun({ text: "slow", style: "Bold" }), new TextRun(" and "), new TextRun({ text: "costly", style: "StrongEmphasis" }), new TextRun(" and "), new TextRun({ text: "rarely", style: "Ital" }), new TextRun(" "), new TextRun({ text: "funded", style: "NotBold" }), new TextRun(". " + BODY)] }),
        ],
        styles,
      ),
    );
    const text = "Verification is slow and costly and rarely funded. ";
    expect(marksOf(doc, text)).toEqual([
      { type: "bold", start: text.indexOf("slow"), end: text.indexOf("slow") + 4 },
      { type: "bold", start: text.indexOf("costly"), end: text.indexOf("costly") + 6 },
      { type: "italic", start: text.indexOf("rarely"), end: text.indexOf("rarely") + 6 },
    ]);
  });
});

describe("a title set by hand in large type", () => {
  const byline = new Paragraph({ text: "Jonas Hartmann, Institute for Regional Security" });
  const body = [new Paragraph({ text: "Key points", heading: HeadingLevel.HEADING_2 }), new Paragraph({ text: BODY }), new Paragraph({ text: BODY })];

  it("is the title when no paragraph is in the Title style and its type is much larger than the body's", async () => {
    const doc = await parseDocx(await docx([new Paragraph({ children: [new TextRun({ text: "Policy Brief: Rebuilding Notification Regimes", size: 40, bold: true })] }), byline, ...body]));
    expect(doc.title).toBe("Policy Brief: Rebuilding Notification Regimes");
    expect(doc.blocks[0]).toMatchObject({ kind: "heading", role: "title" });
    expect(doc.metadata.authors?.map((a) => a.name)).toEqual(["Jonas Hartmann"]);
    expect(doc.blocks.find((b) => b.text === "Key points")).toMatchObject({ kind: "heading", level: 2 });
  });

  it("counts the size a paragraph style gives as well as the runs' own", async () => {
    const styles: IStylesOptions = { paragraphStyles: [{ id: "Display", name: "Display", basedOn: "Normal", run: { size: 44 } }] };
    const doc = await parseDocx(await docx([new Paragraph({ text: "Rebuilding Notification Regimes", style: "Display" }), byline, ...body], styles));
    expect(doc.title).toBe("Rebuilding Notification Regimes");
  });

  it("is not the title when set in the body's size, bold or not", async () => {
    const doc = await parseDocx(await docx([new Paragraph({ children: [new TextRun({ text: "Policy Brief: Rebuilding Notification Regimes", bold: true })] }), byline, ...body]));
    expect(doc.title).toBe("Key points");
  });

  it("is not the title when it is a long notice in large type above the real title", async () => {
    const notice = `Draft for comment: ${BODY} ${BODY}`;
    const doc = await parseDocx(await docx([new Paragraph({ children: [new TextRun({ text: notice, size: 40 })] }), new Paragraph({ text: "Rebuilding Notification Regimes", heading: HeadingLevel.HEADING_1 }), byline, ...body]));
    expect(doc.title).toBe("Rebuilding Notification Regimes");
    expect(doc.blocks.find((b) => b.text === notice)?.role).not.toBe("title");
  });

  it("leaves the Title style's paragraph the title when there is one", async () => {
    const doc = await parseDocx(
      await docx([new Paragraph({ children: [new TextRun({ text: "CONFIDENTIAL DRAFT", size: 48 })] }), new Paragraph({ text: "Rebuilding Notification Regimes", heading: HeadingLevel.TITLE }), byline, ...body]),
    );
    expect(doc.title).toBe("Rebuilding Notification Regimes");
  });
});
