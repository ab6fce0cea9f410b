/**
 * What the exports say about the article itself (not about its annotations), read from the
 * document's stored metadata JSON. The metadata's shape has grown over time and older rows
 * lack newer fields, so every value is checked before it is used; anything unreadable is left
 * out rather than guessed.
 */

export interface ArticleFacts {
  /** Author names as the article gives them, in order. */
  authors: string[];
  /** ISO 8601 date at the precision known: "2024-03-03", "2024-03" or "2024". */
  published: string | null;
  /** DOI name ("10.1234/abc"), without a resolver prefix. */
  doi: string | null;
}

import { asciiDigits } from "../documents/import/digits.ts";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const record = (v: unknown): Record<string, unknown> | null => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const pad = (n: number) => String(n).padStart(2, "0");

/** The month number (1-12) of an English month name or its three-letter abbreviation. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  const i = w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1;
  return i >= 0 ? i + 1 : null;
}

/** Checks a calendar date (so "31 February" is not turned into a date). */
function isoDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const YEAR = /\b(1[5-9]\d\d|20\d\d)\b/g;

/** Arabic month names, the Egyptian and the Levantine, each alef written plain (أ, إ and آ as ا). */
const ARABIC_MONTHS: Record<string, number> = {
  يناير: 1, فبراير: 2, مارس: 3, ابريل: 4, مايو: 5, يونيو: 6, يونية: 6, يوليو: 7, يوليه: 7, اغسطس: 8, سبتمبر: 9, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  "كانون الثاني": 1, شباط: 2, اذار: 3, نيسان: 4, ايار: 5, حزيران: 6, تموز: 7, اب: 8, ايلول: 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
};
const ARABIC_DATE_RE = new RegExp(`(?<!\\d)(\\d{1,2})\\s+(${Object.keys(ARABIC_MONTHS).join("|")})(?!\\p{L})\\s*،?\\s*(\\d{4})(?!\\d)`, "u");

/**
 * An ISO 8601 date from a date as written: "2024-03-03", "3 March 2024", "March 3, 2024",
 * "03.03.2024" (day first, as dotted dates are written), "2024/03/03", "2024年3月3日", "2024년 3월 3일",
 * "3 مارس 2024", "March 2024", in any script's digits ("٢٠٢٤/٠٣/٠٣"); failing those, the year
 * when exactly one year appears ("Vol. 22, No. 4, October–December 2024" gives "2024"). Text
 * naming several years, or none, gives null: a date is never invented.
 */
export function isoDateOf(written: string): string | null {
  const s = asciiDigits(written.trim());
  let m = /\b(\d{4})-(\d{2})(?:-(\d{2}))?\b/.exec(s);
  if (m) return m[3] ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : null;
  m = /(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?/u.exec(s);
  if (m) return m[3] ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${pad(Number(m[2]))}` : null;
  m = /\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = ARABIC_DATE_RE.exec(s.replace(/[أإآ]/g, "ا"));
  if (m) return isoDay(Number(m[3]), ARABIC_MONTHS[m[2]!]!, Number(m[1]));
  m = /\b(\d{1,2})\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})\b/.exec(s);
  if (m && monthOf(m[2]!)) return isoDay(Number(m[3]), monthOf(m[2]!)!, Number(m[1]));
  m = /\b([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m && monthOf(m[1]!)) return isoDay(Number(m[3]), monthOf(m[1]!)!, Number(m[2]));
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  const years = new Set([...s.matchAll(YEAR)].map((x) => x[1]!));
  if (years.size !== 1) return null;
  const [year] = [...years];
  // "March 2024", but not "March–April 2024": a single month right before the year.
  m = new RegExp(`(?:^|[^\\p{L}–-])([A-Za-z]{3,9}\\.?)\\s+${year}\\b`, "u").exec(s);
  const month = m && !/[–-]\s*$/.test(s.slice(0, m.index + 1)) ? monthOf(m[1]!) : null;
  return month ? `${year}-${pad(month)}` : year!;
}

/** Reads the facts from the stored metadata JSON (any shape, possibly not JSON at all). */
export function articleFacts(metadataJson: string | null | undefined): ArticleFacts {
  let raw: unknown = null;
  try {
    raw = metadataJson ? JSON.parse(metadataJson) : null;
  } catch {
    raw = null;
  }
  const meta = record(raw) ?? {};
  const authors = (Array.isArray(meta.authors) ? meta.authors : []).flatMap((a) => {
    const name = text(a) ?? text(record(a)?.name);
    return name ? [name] : [];
  });
  const dates = record(meta.dates);
  const writtenDate = text(dates?.published) ?? text(meta.published) ?? text(meta.datePublished);
  const fromDate = writtenDate ? isoDateOf(writtenDate) : null;
  const dateline = text(meta.dateline);
  const doi = text(meta.doi)?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "") ?? null;
  return { authors, published: fromDate ?? (dateline ? isoDateOf(dateline) : null), doi: doi && /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : null };
}
