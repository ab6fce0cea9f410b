/**
 * CSV, one row per claim (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote, CR or LF, quotes doubled). A cell that a spreadsheet would read as a
 * formula (starting with = + - @, tab or CR) is neutralised with a leading apostrophe. Each
 * row names the document, its event seq and the export time, since CSV has no header block.
 */
import type { ExportAnnotation, ExportSnapshot } from "./snapshot.ts";

export const CSV_COLUMNS = [
  "number",
  "annotation_id",
  "quote",
  "note",
  "status",
  "rationale",
  "sources",
  "assignee",
  "reviewer",
  "decided_at",
  "author",
  "tags",
  "supports",
  "disputes",
  "questions",
  "replies",
  "created_at",
  "age_days",
  "document_id",
  "document_title",
  "document_seq",
  "exported_at",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a cell inert in spreadsheets, then quotes it per RFC 4180 when needed. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(a: ExportAnnotation, s: ExportSnapshot): Array<string | number> {
  const c = a.claim!;
  return [
    a.number,
    a.id,
    a.quote,
    a.text,
    c.status,
    c.rationale,
    c.sources.join(" "),
    c.assignee?.displayName ?? "",
    c.reviewer?.displayName ?? "",
    c.decidedAt?.toISOString() ?? "",
    a.author.displayName,
    a.tags.map((t) => t.path).join("; "),
    a.stances.supports,
    a.stances.disputes,
    a.stances.questions,
    a.replyCount,
    a.createdAt.toISOString(),
    Math.floor((s.madeAt.getTime() - a.createdAt.getTime()) / 86_400_000),
    s.document.id,
    s.document.title,
    s.document.seq,
    s.madeAt.toISOString(),
  ];
}

export function renderCsv(s: ExportSnapshot): string {
  const lines = [CSV_COLUMNS.join(","), ...s.annotations.filter((a) => a.claim).map((a) => row(a, s).map(csvCell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
