/**
 * CSV, one row per claim, or with `rows=all` one row per annotation of any kind (RFC 4180:
 * comma-separated, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF,
 * quotes doubled). The file starts with a UTF-8 byte order mark, which is how Excel knows the
 * file is UTF-8 rather than the system code page. A text cell that a spreadsheet would read as
 * a formula (starting with = + - @, after white space or in full width too, or with a tab or CR) is neutralised with a leading apostrophe, unless
 * it is a plain number ("-2", "+1.5", "-1,234.50", "-3%"), which a spreadsheet reads as that
 * number and nothing more. Each row names the document, its version and event seq and the
 * export time, since CSV has no header block. A suggestion's row (kind `suggestion`, with
 * rows=all) has its replacement and its state at that version; an annotation that lost its
 * place in that version's text has `placed` = no.
 */
import type { ExportQuery } from "../../../common/review.ts";
import type { ExportNote, ExportSnapshot } from "./snapshot.ts";

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
  "kind",
  "replacement",
  "suggestion_state",
  "placed",
  "document_version",
] as const;

/** Makes Excel read the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/**
 * A formula's first sign, after any white space (spreadsheets that trim a cell on import
 * evaluate " =1+1"), in ASCII or full width (read as "=" by East Asian editions).
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** A number and nothing else: sign, digits (optionally grouped by commas), decimals, exponent, percent. */
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;

function isPlainNumber(s: string): boolean {
  return /\d/.test(s.split(/[eE]/)[0]!) && PLAIN_NUMBER.test(s);
}

/** Makes a cell inert in spreadsheets (plain numbers stay as they are), then quotes it per RFC 4180 when needed. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s) && !isPlainNumber(s.trim())) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(a: ExportNote, s: ExportSnapshot, placed: boolean): Array<string | number> {
  const c = a.claim;
  return [
    a.number,
    a.id,
    a.quote,
    a.text,
    c?.status ?? "",
    c?.rationale ?? "",
    c?.sources.join(" ") ?? "",
    c?.assignee?.displayName ?? "",
    c?.reviewer?.displayName ?? "",
    c?.decidedAt?.toISOString() ?? "",
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
    a.kind,
    a.suggestion?.replacement ?? "",
    a.suggestion?.state ?? "",
    placed ? "yes" : "no",
    s.document.version,
  ];
}

/** The CSV for `q.rows`: claims only (the default) or every annotation the filters kept. */
export function renderCsv(s: ExportSnapshot, q: Pick<ExportQuery, "rows">): string {
  const wanted = (a: ExportNote) => q.rows === "all" || a.kind === "claim";
  const rows = [...s.annotations.filter(wanted).map((a) => row(a, s, true)), ...s.unplaced.filter(wanted).map((a) => row(a, s, false))];
  const lines = [CSV_COLUMNS.join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}
