import type { DocumentDto, ParagraphDto, ParagraphKind } from "../../../common/documents.ts";

interface DocumentRow {
  id: string;
  workspaceId: string;
  title: string;
  format: string;
  sourceName: string | null;
  metadata: string;
  version: number;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
  paragraphCount: number;
  createdBy: { id: string; displayName: string } | null;
}

export function presentDocument(d: DocumentRow): DocumentDto & { lastSeq: number } {
  return {
    id: d.id,
    workspaceId: d.workspaceId,
    title: d.title,
    format: d.format,
    sourceName: d.sourceName,
    metadata: JSON.parse(d.metadata) as unknown,
    version: d.version,
    lastSeq: d.lastSeq,
    paragraphCount: d.paragraphCount,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    createdBy: d.createdBy,
  };
}

/**
 * A paragraph's content as the Paragraph and ParagraphRevision tables keep it: its kind, text,
 * block attributes and inline marks (JSON). `Kind` narrows the kind where it has been checked.
 */
export interface ParagraphColumns<Kind extends string = string> {
  kind: Kind;
  text: string;
  level: number | null;
  role: string | null;
  depth: number | null;
  ordered: boolean | null;
  marks: string | null;
}

export function presentParagraph(p: ParagraphColumns & { id: string; position: number; version: number }): ParagraphDto {
  return {
    id: p.id,
    position: p.position,
    version: p.version,
    kind: p.kind as ParagraphKind,
    text: p.text,
    level: p.level,
    role: p.role,
    depth: p.depth,
    ordered: p.ordered,
    marks: p.marks ? (JSON.parse(p.marks) as unknown) : [],
  };
}
