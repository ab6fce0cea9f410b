/** A small in-memory export snapshot for the format tests (no database), and a YAML reader. */
import { load as loadYaml } from "js-yaml";
import type { ExportAnnotation, ExportParagraph, ExportReply, ExportSnapshot } from "./snapshot.ts";

export const ANA = { id: "u_ana", displayName: "Ana Analyst" };
export const BEN = { id: "u_ben", displayName: "Ben Analyst" };
export const AT = new Date("2026-03-01T14:05:00Z");

export function paragraph(index: number, text: string, kind = "paragraph"): ExportParagraph {
  return { id: `p${index}`, index, kind, text, level: kind === "heading" ? 1 : null, role: null, depth: null, ordered: null };
}

export function reply(id: string, text: string, opts: Partial<ExportReply> = {}): ExportReply {
  return { id, parentId: null, author: BEN, text, stance: "none", createdAt: AT, depth: 0, ...opts };
}

/** An annotation over [start, end) given as [paragraph index, offset] pairs. */
export function annotation(number: number, start: [number, number], end: [number, number], quote: string, opts: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id: `a${number}`,
    number,
    kind: "comment",
    text: "",
    author: ANA,
    createdAt: AT,
    updatedAt: AT,
    start: { index: start[0], offset: start[1] },
    end: { index: end[0], offset: end[1] },
    quote,
    tags: [],
    claim: null,
    suggestion: null,
    replies: [],
    replyCount: 0,
    stances: { supports: 0, disputes: 0, questions: 0 },
    ...opts,
  };
}

export function snapshot(paragraphs: ExportParagraph[], annotations: ExportAnnotation[], opts: Partial<ExportSnapshot> = {}): ExportSnapshot {
  return {
    document: { id: "d_test", title: "A test article", workspaceId: "w_test", version: 1, currentVersion: 1, seq: 7, article: { authors: [], published: null, doi: null } },
    paragraphs,
    annotations,
    unplaced: [],
    madeAt: AT,
    origin: "https://scholia.example",
    exportedBy: ANA,
    filters: { replies: true, suggestions: "live" },
    filterTagPaths: [],
    ...opts,
  };
}

/** Parses YAML with js-yaml, a YAML 1.2 parser. */
export function readYaml(src: string): unknown {
  return loadYaml(src);
}
