/**
 * Values read out of front-matter lines for the structured metadata:
 * identifiers by scheme, contacts, DOI, keywords and article history. Each
 * value is the text as given minus its label; nothing is reformatted.
 */
import { ACCEPTED_WORDS, OTHER_HISTORY_WORDS, PUBLISHED_WORDS, RECEIVED_WORDS, REVISED_WORDS } from "./label-words.ts";
import { asciiDigits } from "./digits.ts";
import { capsLabel, runInLabel, DATE_THEN_LABEL, EMAIL_GROUP_RE, EMAIL_IN_TEXT_RE, HISTORY_AFTER_DATE_RE, IDENTIFIER_LABEL, KEYWORDS_PREFIX_RE, PHONE_LABEL, PROSE_LABEL_RE } from "./meta-lines.ts";
import type { DocumentDates } from "./types.ts";

const ORCID_ID_RE = /\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b/;
const LABELLED_ID_RE = new RegExp(`(${IDENTIFIER_LABEL})\\s*[:：]\\s*`, "gi");

/** The scheme a label names: the four common ones get one spelling, others keep their label. */
function schemeOf(rawLabel: string): string {
  const l = rawLabel.replace(/\s+/g, " ").trim();
  if (/^orcid/i.test(l)) return "ORCID";
  if (/researcher\s?id/i.test(l)) return "ResearcherID";
  if (/^scopus/i.test(l)) return "Scopus";
  if (/^spin/i.test(l)) return "SPIN";
  return l;
}

/** Trailing list punctuation is the layout's, not the value's (full-width and Arabic marks too). */
function trimValue(value: string): string {
  return value.trim().replace(/[\s;,；，、،؛]+$/u, "");
}

/**
 * Every labelled identifier on the line: "ORCID: 0000-…" or several run
 * together ("SPIN-RSCI: 6872-5326 ORCID: 0000-…"). An orcid.org URL counts as ORCID.
 */
export function extractIdentifiers(line: string): [scheme: string, value: string][] {
  const t = line.trim();
  const found: { scheme: string; start: number; end: number }[] = [];
  for (const m of t.matchAll(LABELLED_ID_RE)) {
    found.push({ scheme: schemeOf(m[1] ?? ""), start: m.index, end: m.index + m[0].length });
  }
  const out: [string, string][] = [];
  for (const [i, f] of found.entries()) {
    const raw = trimValue(t.slice(f.end, found[i + 1]?.start ?? t.length));
    const value = f.scheme === "ORCID" ? (ORCID_ID_RE.exec(raw)?.[1] ?? raw) : raw;
    if (value !== "") out.push([f.scheme, value]);
  }
  if (out.length === 0) {
    const orcid = ORCID_ID_RE.exec(t)?.[1];
    if (orcid && /orcid\.org/i.test(t)) out.push(["ORCID", orcid]);
  }
  return out;
}

/** Strip a leading label such as "Tel.:" or "Address:" to keep the value. */
export function stripLabel(text: string): string {
  const t = text.trim();
  const m = /^[*†‡]?\s*[\p{L} .-]{1,40}[:：]\s*/u.exec(t);
  return trimValue(m ? t.slice(m[0].length) : t);
}

/** The e-mail as written: an address, or the labelled value (a placeholder such as "[email protected]"). */
export function extractEmail(text: string): string | undefined {
  const found = EMAIL_IN_TEXT_RE.exec(text)?.[0];
  if (found) return found;
  const value = stripLabel(text);
  return value === "" ? undefined : value;
}

const EMAILS_IN_TEXT_RE = new RegExp(EMAIL_IN_TEXT_RE.source, "g");

/** Every address in a text (a note may give several), each of a group at a shared domain ("{a, b}@x.org") on its own. */
export function emailsIn(text: string): string[] {
  const spelled = text.includes("}@") ? text.replace(EMAIL_GROUP_RE, (_, names: string, domain: string) => names.split(/[,;|]/).map((n) => `${n.trim()}@${domain}`).join(", ")) : text;
  return [...spelled.matchAll(EMAILS_IN_TEXT_RE)].map((m) => m[0]);
}

const PHONE_LABEL_PREFIX_RE = new RegExp(`^${PHONE_LABEL}\\s*[:：]?\\s*`, "iu");

/** The number after a phone label, extension included ("+7(495) 772-9590 *22186"). */
export function extractPhone(text: string): string {
  const t = text.trim();
  const m = PHONE_LABEL_PREFIX_RE.exec(t);
  return trimValue(m ? t.slice(m[0].length) : t);
}

const PHONE_IN_TEXT_RE = new RegExp(`(?<![\\p{L}])${PHONE_LABEL}\\s*[:：]?\\s*(\\+?[\\d(][\\d\\s().\\-/*]{5,}\\d)`, "iu");

/** The phone number inside a correspondence line ("…; Tel.: +48 22 555 0101"). */
export function phoneInText(text: string): string | undefined {
  const m = PHONE_IN_TEXT_RE.exec(text);
  return m?.[1]?.trim();
}

/** "10.1234/abc.5" from "DOI: 10.1234/abc.5" or "https://doi.org/10.1234/abc.5". */
export function extractDoi(text: string): string | undefined {
  const m = /\b(10\.\d{4,9}\/\S+)/.exec(text);
  return m?.[1]?.replace(/[.,;]+$/, "");
}

/** "Keywords: a; b, c" -> ["a", "b", "c"] (semicolons win when present); a line without the label is a keyword list too. */
export function extractKeywords(text: string): string[] {
  const caps = capsLabel(text) ?? (KEYWORDS_PREFIX_RE.test(text) ? null : runInLabel(text));
  const value = caps?.role === "keywords" ? text.slice(caps.length) : text.replace(KEYWORDS_PREFIX_RE, "");
  // Semicolons (full-width "；", Arabic "؛") win over middle dots and bars (Springer's "hedging · small
  // states"), and those over commas ("，", "、", Arabic "،"); keywords in a
  // script without spaces between words may be set apart by spaces alone (ideographic spaces: "对冲 东南亚 大国").
  const separator = /[;；؛]/u.test(value)
    ? /[;；؛]/u
    : /\s[·•|]\s/u.test(value)
      ? /\s[·•|]\s/u
      : /[,，、،]/u.test(value)
        ? /[,，、،]/u
        : /\u3000/u.test(value) || isUnspacedScript(value)
          ? /\s+/u
          : /,/;
  return value
    .split(separator)
    .map((k) => k.trim().replace(/[.。]$/u, ""))
    .filter((k) => k !== "");
}

const HISTORY_PART_RE = new RegExp(
  `(?<![\\p{L}])(?:(?<revised>${REVISED_WORDS})|(?<received>${RECEIVED_WORDS})|(?<accepted>${ACCEPTED_WORDS})|(?<published>${PUBLISHED_WORDS})|(?<other>${OTHER_HISTORY_WORDS}))(?![\\p{L}])(?:\\s+(?:on|em|le|am|el|il|в)(?![\\p{L}]))?\\s*(?:[:：]|\\s)\\s*`,
  "giu",
);

const DATE_THEN_LABEL_RE = new RegExp(DATE_THEN_LABEL, "gu");

/** "2026年3月1日受付，2026年5月2日受理": each date before its label, as given; null when the line does not open so. */
function datesBeforeLabels(text: string): DocumentDates | null {
  // Digits of other scripts (full-width "２０２６年") are matched as ASCII; the dates are taken as written.
  const digits = asciiDigits(text);
  if (!HISTORY_AFTER_DATE_RE.test(digits)) return null;
  const dates: DocumentDates = {};
  for (const m of digits.matchAll(DATE_THEN_LABEL_RE)) {
    const value = text.slice(m.index, m.index + (m[1] ?? "").length).trim();
    const kind = m.groups ?? {};
    if (kind.revised !== undefined) dates.revised ??= value;
    else if (kind.received !== undefined) dates.received ??= value;
    else if (kind.accepted !== undefined) dates.accepted ??= value;
    else dates.published ??= value;
  }
  return dates;
}

/**
 * "Received: 3 March 2024; Accepted: 9 April 2024; Published: 1 May 2024", each date as given;
 * "2026年3月1日受付，2026年5月2日受理" with each label after its date.
 */
export function extractDates(text: string): DocumentDates {
  const afterDates = datesBeforeLabels(text);
  if (afterDates) return afterDates;
  const parts = [...text.matchAll(HISTORY_PART_RE)];
  const dates: DocumentDates = {};
  for (const [i, m] of parts.entries()) {
    const value = trimValue(text.slice(m.index + m[0].length, parts[i + 1]?.index ?? text.length)).replace(/[\s.;,/|·•–—。；，、،؛]+$/u, "").trim();
    if (value === "") continue;
    const kind = m.groups ?? {};
    if (kind.other !== undefined) continue;
    if (kind.revised !== undefined) dates.revised ??= value;
    else if (kind.received !== undefined) dates.received ??= value;
    else if (kind.accepted !== undefined) dates.accepted ??= value;
    else dates.published ??= value;
  }
  return dates;
}

/** Chinese and Japanese words are not spaced: a space there sets keywords apart. */
function isUnspacedScript(value: string): boolean {
  return /\s/.test(value.trim()) && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u.test(value.trim());
}

/** The text after a leading label ("Abstract: …", "Funding: …", "About the author: …"), or the whole text. */
export function afterLabel(text: string): string {
  const m = PROSE_LABEL_RE.exec(text);
  if (m) return text.slice(m[0].length).trim();
  const caps = capsLabel(text) ?? runInLabel(text);
  return caps && caps.role !== "keywords" ? text.slice(caps.length).trim() : text.trim();
}
