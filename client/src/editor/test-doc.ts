/** Test helper: the article schema's document for some paragraphs (no DOM needed). */
import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import type { ParagraphDto } from "../../../common/documents.ts";
import { articleExtensions } from "./article-schema.ts";
import { articleContent } from "./article-doc.ts";

export const articleSchema = getSchema(articleExtensions());

export function paragraph(id: string, position: number, text: string, extra: Partial<ParagraphDto> = {}): ParagraphDto {
  return { id, position, version: 1, kind: "paragraph", text, level: null, role: null, depth: null, ordered: null, marks: [], ...extra };
}

export function articleDoc(paragraphs: ParagraphDto[]): PMNode {
  const doc = PMNode.fromJSON(articleSchema, articleContent(paragraphs));
  doc.check();
  return doc;
}
