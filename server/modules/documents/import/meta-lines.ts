/**
 * Line-level recognisers for the front matter of an article: the issue/date
 * line, author names, degrees, affiliations, identifiers and contact lines.
 *
 * Every parser (plain text, Markdown, HTML/DOCX) shares these so an author
 * block is recognised the same way whatever the source format. The
 * recognisers look at one line in isolation; deciding whether a whole run of
 * lines really is front matter (and not body prose) is front-matter.ts's job.
 */
import type { MetaRole } from "./types.ts";

/** Lines longer than this are never front matter: it keeps the regexes cheap and prose out. */
const MAX_META_LINE = 300;

export interface MetaLineClass {
  role: Exclude<MetaRole, "author">;
  /**
   * Strong lines (labelled identifiers, e-mails, phones, datelines, degrees,
   * postcoded addresses) are distinctive enough to prove a run of lines is an
   * author block; weak ones (an affiliation, a bare country) are not.
   */
  strong: boolean;
}

export interface ParsedName {
  name: string;
  degrees: string[];
}

export interface NameLine {
  names: ParsedName[];
  /** "By …", an honorific or degrees: the line is a name even without a following meta line. */
  selfEvident: boolean;
}

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const YEAR = "(?:1[6-9]|2[01])\\d{2}";
const ISSUE_RE = /\b(?:Vol(?:ume)?\.?\s*[\dIVXLC]+|Issue\s*\d+|No\.\s*\d+|Number\s+\d+)\b/i;
const PUBLISHED_RE =
  /^(?:(?:First\s+)?Published|Posted|Updated|Received|Accepted|Revised|Dated?|Online)\b/i;
const YEAR_RE = new RegExp(`\\b${YEAR}\\b`);
const MONTH_YEAR_RE = new RegExp(`\\b${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?,?)?\\s+${YEAR}\\b`, "i");
const DAY_MONTH_YEAR_RE = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\s+${YEAR}\\b`, "i");
const SEASON_YEAR_RE = new RegExp(`\\b(?:Spring|Summer|Autumn|Fall|Winter)\\s+${YEAR}\\b`, "i");
const ISO_DATE_RE = /\b(?:1[6-9]|2[01])\d{2}-[01]\d-[0-3]\d\b/;

const ORCID_ID_RE = /\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b/;
const ORCID_LINE_RE = /^(?:ORCID(?:\s*iD)?\s*[:：]?\s*\S|(?:https?:\/\/)?orcid\.org\/\d{4}-)/i;
const RESEARCHER_ID_RE = /^(?:(?:Web of Science\s+|WoS\s+)?Researcher\s?ID)\s*[:：]?\s*([A-Z]{1,3}-\d{4}-\d{4})\b/i;
const OTHER_ID_RE =
  /^(?:Scopus(?:\s+Author)?(?:\s+ID)?|Google Scholar(?:\s+profile)?|SSRN(?:\s+Author)?(?:\s+ID)?|ISNI|ResearchGate|Loop(?:\s+profile)?|OpenAlex(?:\s+ID)?)\s*[:：]\s*\S/i;

const EMAIL_IN_TEXT_RE = /[^\s@<>()[\]:;,"]+@[^\s@<>()[\]:;,"]+\.[A-Za-z]{2,}/;
const EMAIL_LABEL_RE = /^(?:E-?mail(?:\s+address)?|Contact|Correspondence|Mail)\s*[:：]/i;
const BARE_EMAIL_RE = /^<?(?:mailto:)?[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}>?$/i;

const PHONE_LABEL_RE =
  /^(?:Tel(?:ephone)?\.?|Phone|Ph\.|Mobile|Mob\.|Cell|Fax|T\.|Direct line)\s*[:：]?\s*(\+?[\d(][\d\s().\-/]{5,}\d)\s*$/i;
const BARE_PHONE_RE = /^\+\d[\d\s().-]{6,}\d$/;

const ADDRESS_LABEL_RE = /^(?:(?:Postal|Mailing|Correspondence|Street)\s+)?Address\s*[:：]\s*\S/i;
const PO_BOX_RE = /\bP\.?\s?O\.?\s+Box\s+\d/i;
const STREET_WORD_RE =
  /\b(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Square|Place|Drive|Terrace|Crescent|Parade|Quay|Embankment|Wharf|Straße|Strasse|Str\.|Platz|Allee|Gasse|Rue|Avenida|Calle|Via|Rua|Laan|Plein|Gracht)\b/i;
const STREET_NUMBER_START_RE = /^\d{1,5}[A-Za-z]?(?:[-–]\d{1,5})?,?\s+\p{L}/u;
const STREET_NUMBER_END_RE = /\p{L}\s+\d{1,5}[A-Za-z]?(?:,|$)/u;
const POSTCODE_RE = new RegExp(
  [
    /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/.source, // UK
    /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/.source, // US state + ZIP
    /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/.source, // Canada
    /\b\d{4}-\d{3}\b/.source, // Portugal
    /\b\d{2}-\d{3}\b/.source, // Poland
    /(?:^|,\s*|\b[A-Z]{1,2}-)\d{4,6}\s+\p{Lu}/u.source, // "10117 Berlin", "D-10117 Berlin"
    /\p{Lu}\p{L}+\s+\d{4,6}(?:,|$)/u.source, // "Wellington 6011"
  ].join("|"),
  "u",
);

const COUNTRIES = [
  "Argentina", "Australia", "Austria", "Belgium", "Brazil", "Bulgaria", "Canada", "Chile", "China",
  "Colombia", "Croatia", "Cyprus", "Czech Republic", "Czechia", "Denmark", "Egypt", "England",
  "Estonia", "Ethiopia", "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Hungary",
  "Iceland", "India", "Indonesia", "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kenya", "Latvia",
  "Lebanon", "Lithuania", "Luxembourg", "Malaysia", "Mexico", "Moldova", "Morocco", "Netherlands",
  "New Zealand", "Nigeria", "Northern Ireland", "Norway", "Pakistan", "Peru", "Philippines", "Poland",
  "Portugal", "Qatar", "Romania", "Russia", "Saudi Arabia", "Scotland", "Senegal", "Serbia",
  "Singapore", "Slovakia", "Slovenia", "South Africa", "South Korea", "Republic of Korea", "Spain",
  "Sweden", "Switzerland", "Taiwan", "Thailand", "Tunisia", "Turkey", "Türkiye", "Ukraine",
  "United Arab Emirates", "United Kingdom", "United States", "United States of America", "UK", "U.K.",
  "USA", "U.S.A.", "US", "Uruguay", "Vietnam", "Viet Nam", "Wales",
];
const COUNTRY_ALT = COUNTRIES.map((c) => c.replace(/\./g, "\\.")).join("|");
const COUNTRY_END_RE = new RegExp(`(?:^|,\\s*)(?:${COUNTRY_ALT})\\.?$`);
const COUNTRY_ONLY_RE = new RegExp(`^(?:${COUNTRY_ALT})\\.?$`);

const AFFILIATION_RE =
  /\b(?:Universit(?:y|ies|é|ät|à|eit|ad|ade|at)|Institute|Institut|Institution|Department|Dept\.|Centre|Center|School|College|Faculty|Ministry|Foundation|Council|Laborator(?:y|ies)|Academy|Académie|Observatory|Commission|Hospital|Agency|Programme|Embassy|Parliament|Fellow|Professor|Lecturer|Researcher|Think[- ]tank)(?![\p{L}\p{N}])/u;

const KEYWORDS_RE = /^(?:Key\s?words|Keywords|JEL(?:\s+classification)?|Corresponding author)\s*[:：]\s*\S/i;

/** Academic degrees and post-nominals, compared without dots and case. */
const DEGREES = new Set([
  "phd", "dphil", "ma", "msc", "mphil", "ba", "bsc", "llm", "llb", "jd", "md", "mba", "mpa", "mpp",
  "mph", "edd", "dsc", "dlitt", "mres", "mlitt", "meng", "beng", "ms", "bs", "sm", "sb", "ab", "mia",
  "mald", "mpia", "lld", "habil", "mfa", "bfa", "msw", "mdiv", "pharmd", "drphil", "drhabil", "frs",
  "fba", "frsa", "frhists", "faas", "frse", "mag", "dipl", "diplom", "mast", "mas", "pgdip", "pgcert",
  "mlis", "mpil", "cantab", "oxon", "hons",
]);
const HONORIFICS = new Set([
  "dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "lord", "lady", "rev", "hon",
]);
const NAME_PARTICLES = new Set([
  "van", "von", "de", "der", "den", "da", "das", "do", "dos", "di", "del", "della", "la", "le", "du",
  "bin", "binti", "ibn", "al", "el", "ten", "ter", "y", "e", "zu", "af", "av", "st",
]);
/** Capitalised words that start titles and headings but never names. */
const NOT_NAME_WORDS = new Set([
  "the", "of", "and", "in", "on", "for", "a", "an", "to", "with", "why", "how", "what", "when",
  "where", "who", "from", "after", "before", "beyond", "between", "against", "toward", "towards",
  "under", "over", "is", "are", "was", "not", "no", "our", "its", "this", "that", "these", "those",
  "introduction", "conclusion", "conclusions", "abstract", "summary", "background", "references",
  "notes", "acknowledgements", "acknowledgments", "appendix", "policy", "security", "strategy",
]);

/** Section names that open the body; such a line is never taken as a subtitle. */
const SECTION_NAMES_RE =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:Introduction|Abstract|Summary|Executive summary|Background|Overview|Key (?:points|findings|takeaways)|Context|Preface|Foreword|Methods?|Conclusions?|References|Notes)$/i;

const SENTENCE_END_RE = /[.!?…]["'”’»)\]]*$/u;

export function wordCount(text: string): number {
  const t = text.trim();
  return t === "" ? 0 : t.split(/\s+/).length;
}

function normaliseToken(token: string): string {
  return token.replace(/[.()]/g, "").toLowerCase();
}

function isDegreeToken(token: string): boolean {
  return DEGREES.has(normaliseToken(token));
}

/** Does the line read like a sentence of prose (several words and a full stop)? */
function isSentenceLike(line: string): boolean {
  if (!SENTENCE_END_RE.test(line) || wordCount(line) < 6) return false;
  const last = line.trim().split(/\s+/).pop() ?? "";
  // "…, M.Sc." or "… J." end in a dot without ending a sentence.
  return !(isDegreeToken(last) || /^\p{Lu}\.$/u.test(last));
}

export function isDateline(line: string): boolean {
  const t = line.trim();
  if (t.length > 120 || wordCount(t) > 16 || isSentenceLike(t)) return false;
  if (ISSUE_RE.test(t)) return true;
  if (PUBLISHED_RE.test(t) && YEAR_RE.test(t)) return true;
  if (wordCount(t) > 8) return false;
  return MONTH_YEAR_RE.test(t) || DAY_MONTH_YEAR_RE.test(t) || SEASON_YEAR_RE.test(t) || ISO_DATE_RE.test(t);
}

/** A line made only of degrees, e.g. "PhD (Edinburgh), M.Sc. (LSE)". */
export function isDegreesLine(line: string): boolean {
  const withoutParens = line.replace(/\([^()]{0,80}\)/g, " ");
  const tokens = withoutParens.split(/[\s,;]+/).filter((t) => t !== "" && !/^(?:and|&)$/i.test(t));
  return tokens.length > 0 && tokens.every(isDegreeToken);
}

export function parseDegrees(line: string): string[] {
  return line
    .replace(/\([^()]{0,80}\)/g, " ")
    .split(/[\s,;]+/)
    .filter((t) => t !== "" && isDegreeToken(t));
}

function isAddress(line: string): { strong: boolean } | null {
  if (ADDRESS_LABEL_RE.test(line) || PO_BOX_RE.test(line)) return { strong: true };
  const hasStreet =
    STREET_WORD_RE.test(line) && (STREET_NUMBER_START_RE.test(line) || STREET_NUMBER_END_RE.test(line));
  if (hasStreet || POSTCODE_RE.test(line)) return { strong: true };
  if (COUNTRY_ONLY_RE.test(line)) return { strong: false };
  if (COUNTRY_END_RE.test(line) && (STREET_WORD_RE.test(line) || /\d/.test(line))) return { strong: true };
  return null;
}

/**
 * Classify a front-matter line other than an author name. Returns null for
 * lines that are none of these (a name, a subtitle, body prose).
 */
export function classifyMetaLine(line: string): MetaLineClass | null {
  const t = line.trim();
  if (t === "" || t.length > MAX_META_LINE) return null;

  if (ORCID_LINE_RE.test(t) && ORCID_ID_RE.test(t)) return { role: "identifier", strong: true };
  if (RESEARCHER_ID_RE.test(t) || OTHER_ID_RE.test(t)) return { role: "identifier", strong: true };
  if ((EMAIL_LABEL_RE.test(t) && EMAIL_IN_TEXT_RE.test(t)) || BARE_EMAIL_RE.test(t)) {
    return { role: "email", strong: true };
  }
  if (PHONE_LABEL_RE.test(t) || BARE_PHONE_RE.test(t)) return { role: "phone", strong: true };
  if (KEYWORDS_RE.test(t)) return { role: "other", strong: true };
  if (isSentenceLike(t)) return null;
  if (isDateline(t)) return { role: "dateline", strong: true };
  if (isDegreesLine(t)) return { role: "degrees", strong: true };
  const address = isAddress(t);
  if (address) return { role: "address", strong: address.strong };
  if (AFFILIATION_RE.test(t) && wordCount(t) <= 24) return { role: "affiliation", strong: false };
  return null;
}

function isNameToken(token: string): boolean {
  if (NAME_PARTICLES.has(token)) return true;
  if (NOT_NAME_WORDS.has(token.toLowerCase())) return false;
  // Initials ("L.", "J.-P."), capitalised words ("O'Neill", "Oyelaran-Brandt"),
  // "al-Rashid", or words of an uncased script (CJK names).
  return (
    /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u.test(token) ||
    /^\p{Lu}[\p{L}\p{M}'’-]*\.?$/u.test(token) ||
    /^(?:al|el|d|l)['’-]\p{Lu}[\p{L}\p{M}'’-]*$/u.test(token) ||
    /^[\p{Lo}\p{M}]+$/u.test(token)
  );
}

/** "Dr. Jane Q. Doe PhD" -> name and trailing degrees, or null if it is not a personal name. */
function parsePersonName(segment: string): { parsed: ParsedName; honorific: boolean } | null {
  const tokens = segment.trim().split(/\s+/).filter((t) => t !== "");
  let honorific = false;
  while (tokens.length > 0 && HONORIFICS.has(normaliseToken(tokens[0] ?? ""))) {
    tokens.shift();
    honorific = true;
  }
  const degrees: string[] = [];
  while (tokens.length > 1 && isDegreeToken(tokens[tokens.length - 1] ?? "")) {
    degrees.unshift(tokens.pop() ?? "");
  }
  if (tokens.length === 0 || tokens.length > 6) return null;
  if (!tokens.every(isNameToken)) return null;
  const cased = tokens.filter((t) => !NAME_PARTICLES.has(t));
  if (cased.length === 0) return null;
  const uncasedScript = tokens.every((t) => /^[\p{Lo}\p{M}]+$/u.test(t));
  if (tokens.length < 2 && !honorific && !uncasedScript) return null;
  return { parsed: { name: tokens.join(" "), degrees }, honorific };
}

/**
 * Recognise an author line: "Amara Okafor-Lindqvist, PhD, MA", "By Jane Doe
 * and John Roe", "Prof. Li Wei". Returns null when the line is not made of
 * personal names (plus degrees).
 */
export function parseNameLine(line: string): NameLine | null {
  let t = line.trim();
  if (t === "" || t.length > 160 || /[\d@:/|]/.test(t)) return null;
  if (/[!?;…]$/.test(t)) return null;
  let selfEvident = false;
  const by = /^by\s+/i.exec(t);
  if (by) {
    t = t.slice(by[0].length);
    selfEvident = true;
  }
  const names: ParsedName[] = [];
  for (const part of t.split(/\s*,?\s+(?:and|&)\s+|\s*;\s*/)) {
    const segments = part.split(/\s*,\s*/).filter((s) => s !== "");
    if (segments.length === 0) return null;
    for (const segment of segments) {
      const current = names[names.length - 1];
      if (current && isDegreesLine(segment)) {
        current.degrees.push(...parseDegrees(segment));
        selfEvident = true;
        continue;
      }
      const person = parsePersonName(segment);
      if (!person) return null;
      if (person.honorific || person.parsed.degrees.length > 0) selfEvident = true;
      names.push(person.parsed);
    }
  }
  if (names.length === 0) return null;
  // A trailing full stop is only fine after an initial or a degree ("Jane Doe, M.Sc.").
  if (/\.$/.test(t)) {
    const last = t.split(/[\s,]+/).pop() ?? "";
    if (!isDegreeToken(last) && !/^\p{Lu}\.$/u.test(last)) return null;
  }
  return { names, selfEvident };
}

/**
 * Could this line be a subtitle? One line of 3-30 words, not a sentence, not
 * a section name like "Introduction" (that opens the body and must stay a heading).
 */
export function isSubtitleCandidate(line: string): boolean {
  const t = line.trim();
  // One- and two-word lines ("Background", "Strategic context") are far more often section headings.
  if (t.length > 200 || wordCount(t) < 3 || wordCount(t) > 30) return false;
  if (!/\p{L}/u.test(t) || /^\p{Ll}/u.test(t)) return false;
  // Questions and exclamations make fine subtitles; a full stop means prose.
  if (/[.,;:…]["'”’»)\]]*$/u.test(t)) return false;
  return !SECTION_NAMES_RE.test(t);
}

export function extractOrcid(text: string): string | undefined {
  return ORCID_ID_RE.exec(text)?.[1];
}

export function extractResearcherId(text: string): string | undefined {
  return RESEARCHER_ID_RE.exec(text.trim())?.[1];
}

export function extractEmail(text: string): string | undefined {
  return EMAIL_IN_TEXT_RE.exec(text)?.[0];
}

/** Strip a leading label such as "Tel.:" or "Address:" to keep the value. */
export function stripLabel(text: string): string {
  const t = text.trim();
  const m = /^[\p{L} .-]{1,30}[:：]\s*/u.exec(t);
  return m ? t.slice(m[0].length) : t;
}

export function extractPhone(text: string): string {
  const t = text.trim();
  const m = PHONE_LABEL_RE.exec(t);
  return m?.[1]?.trim() ?? t;
}
