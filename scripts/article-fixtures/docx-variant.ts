/**
 * A Word file of a corpus article, typed the way people type articles: the
 * title in Word's Title style, every other line a Normal paragraph (no
 * subtitle style, bullets typed as "•"), section headings in Heading 2.
 */
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import type { SourceParagraph } from "./source-article.ts";

function paragraphFor(p: SourceParagraph, numbered: { n: number }): Paragraph {
  switch (p.kind) {
    case "title":
      return new Paragraph({ text: p.text, heading: HeadingLevel.TITLE });
    case "heading":
      return new Paragraph({ text: p.text, heading: HeadingLevel.HEADING_2 });
    case "bullet":
      return new Paragraph({ text: `• ${p.text}` });
    case "numbered":
      numbered.n++;
      return new Paragraph({ text: `${numbered.n}. ${p.text}` });
    default:
      return new Paragraph({ text: p.text });
  }
}

/** The .docx bytes for the article. */
export async function buildDocxVariant(paragraphs: readonly SourceParagraph[]): Promise<Buffer> {
  const numbered = { n: 0 };
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => paragraphFor(p, numbered)) }] });
  return Packer.toBuffer(doc);
}
