/**
 * Personal names in front matter: author lines and bylines ("Jane Doe, PhD",
 * "By A and B", "A 1, B 2,* and C 1" with affiliation markers), and a
 * surname comparison that tolerates transliteration ("Kanaev" / "Kanayev"),
 * used to match a bio to its author.
 */
import { asciiDigits } from "./digits.ts";
import { isDegreePhrase, isDegreesLine, isDegreeToken, normaliseToken, parseDegrees } from "./degrees.ts";
import { AND_PARTICLE_WORDS, AND_WORDS, AUTHORS_WORDS, BY_WORDS, MEMO_FROM_WORDS } from "./label-words.ts";
import { EMAIL_IN_TEXT_RE, IDENTIFIER_LABEL, INSTITUTION_RE, isDateline, isPositionLine } from "./meta-lines.ts";

export interface ParsedName {
  name: string;
  degrees: string[];
  /** Affiliation or correspondence markers after the name: "1", "2", "*", "†". */
  markers: string[];
  /** What follows the name on its line: "Senior Fellow, Hartwell Institute". */
  details?: string;
  /** What a by-line says of the person after their name when it is no post nor institution ("a former U.S. ambassador to Niger"), as written. */
  about?: string;
  /** Identifiers and addresses set at the end of the person's part of the line ("https://orcid.org/0000-…", "ORCID: …", "jane@…"), as written. */
  contacts?: string[];
}

export interface NameLine {
  names: ParsedName[];
  /** "By …", an honorific, degrees or markers: the line is a name even with nothing after it. */
  selfEvident: boolean;
  /** A date set beside the names with a bar or a dot ("By Jane Doe | March 3, 2024"). */
  dateline?: string;
}

const HONORIFICS = new Set([
  "dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "lord", "lady", "rev", "hon",
  // Arabic: "د." (Dr), "أ.د." (Prof. Dr), "أ." (Prof., Mr), and the words written out.
  "د", "أد", "أ", "الدكتور", "الدكتورة", "دكتور", "الأستاذ", "الأستاذة", "الأستاذ الدكتور",
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
  "keywords", "contents", "foreword", "preface", "executive", "findings", "methods", "results",
  "discussion", "about", "authors", "author", "new", "old", "great", "global", "world",
  "résumé", "resumen", "resumo", "zusammenfassung", "introducción", "einleitung", "auteurs", "autores",
  "autoren", "pour", "sur", "sobre", "para", "über", "für", "nach", "entre", "contre", "hacia", "tra",
  // Subject words of departments and programmes ("International Relations", "Political Science").
  "international", "relations", "affairs", "studies", "politics", "political", "economics", "science",
  "sciences", "history", "development", "research", "public", "social", "foreign", "national",
  "european", "regional", "strategic", "defence", "defense", "diplomacy", "governance", "government",
  "humanities", "philosophy", "sociology", "geography", "engineering", "management", "administration",
]);

/**
 * Capitalised words of titles and subtitles, section headings and report covers that are not
 * names ("Small State Strategies Revisited", "Mekong Futures", "Looking Ahead"); words that are
 * also surnames or given names ("Power", "Law", "West", "Small", "Case", "Key", "Money", "Justice",
 * "Good", "Guest", "Urban", "Paz", "Guerra") are not here, so "Samantha Power" stays a name.
 */
const TOPIC_WORDS = new Set([
  "revisited", "reconsidered", "rethinking", "rethought", "reexamined", "re-examined", "reassessed", "explained",
  "compared", "contested", "unbound", "redux", "reloaded", "transformed", "divided", "uncovered", "unpacked",
  "looking", "ahead", "moving", "forward", "next", "steps", "final", "thoughts", "takeaways", "further",
  "reading", "options", "choices", "lessons", "learnt", "overview", "approach", "approaches",
  "perspective", "perspectives", "evidence", "challenges", "challenge", "prospects", "implications", "questions",
  "answers", "remarks", "reflections", "observations", "comments", "response", "reply", "rejoinder", "essay",
  "essays", "part", "chapter", "section", "annex", "table", "figure", "data", "sources", "context", "purpose",
  "scope", "aims", "objectives", "goals", "versus", "vs", "era", "age", "century", "decade", "years", "today",
  "tomorrow", "now", "again", "matters", "works", "fails", "failure", "success", "problem", "problems", "solution",
  "solutions", "dilemma", "dilemmas", "paradox", "puzzle", "myth", "myths", "reality", "realities", "limits",
  "promise", "perils", "pitfalls", "society", "state", "states", "nation", "nations", "order", "crisis",
  "crises", "risk", "risks", "threat", "threats", "war", "wars", "peace", "conflict", "conflicts", "trade", "energy",
  "climate", "water", "food", "health", "rights", "democracy", "elections", "reform", "reforms",
  "change", "growth", "finance", "markets", "market", "capital", "debt", "industry", "technology",
  "digital", "cyber", "artificial", "intelligence", "media", "news", "culture", "identity", "memory",
  "future", "futures", "past", "present", "rise", "return", "beginning", "origins", "roots", "making", "unmaking",
  "role", "roles", "cases", "lesson", "model", "models", "framework", "theory", "practice", "agenda", "plan",
  "plans", "program", "programme", "project", "team", "note", "report", "brief", "paper", "edition", "issue",
  "volume", "special", "europe", "africa", "americas", "asian", "african", "american",
  "chinese", "russian", "indian", "arab", "islamic", "western", "eastern", "northern", "southeast",
  "northeast", "southwest", "northwest", "pacific", "atlantic", "arctic", "mediterranean", "middle", "region",
  "regions", "local", "rural", "big", "large", "emerging", "rising", "critical", "comparative", "empirical",
  "nuclear", "maritime", "naval", "military", "border", "borders", "frontier", "frontiers", "cold", "soft",
  "grand", "competition", "cooperation", "rivalry", "alignment", "hedging", "balancing", "deterrence",
  "sanctions", "aid", "migration", "refugees", "inequality", "poverty", "welfare", "labour", "labor",
  "case-study", "study", "analysis", "review", "survey", "assessment", "update", "outlook", "forecast",
  "recommendations", "conclusions", "messages", "highlights", "summit", "dialogue", "partners", "allies",
  "points", "judgments", "judgements", "insights", "facts", "figures", "numbers", "terms", "glossary",
  "abbreviations", "acronyms", "disclaimer", "contact", "contacts", "funders",
  // A document's own kind and its salutations: "Press Release", "Guest Editorial", "Dear Colleagues".
  "dear", "hello", "morning", "thank", "thanks", "everyone", "sir", "madam", "colleagues", "friends",
  "release", "guidance", "memo", "memorandum", "control", "draft", "confidential", "address", "editorial",
  "article", "original", "access", "version", "keynote", "welcome", "speech", "statement", "transcript",
  "interview", "minutes", "preprint", "manuscript", "submission", "correction", "erratum", "retraction", "letter",
  "letters", "epilogue", "prologue", "afterword", "doctrine", "presidency", "regime", "brexit",
  // Places: "South China Sea", "Cape Town", "Latin America", "Sri Lanka" (not those that are also names: Washington, Berlin, London, Jordan).
  "asia", "america", "south", "east", "central", "latin", "arabia", "lanka", "eurasia", "eurasian", "balkans",
  "caucasus", "sahel", "mekong", "himalaya", "himalayas", "antarctic", "china", "russia", "britain", "japan", "korea",
  "iran", "iraq", "syria", "ukraine", "germany", "pakistan", "afghanistan", "vietnam", "cambodia", "laos", "thailand",
  "myanmar", "indonesia", "malaysia", "philippines", "mexico", "brazil", "argentina", "canada", "australia", "taiwan",
  "singapore", "kazakhstan", "beijing", "moscow", "brussels", "tokyo", "delhi", "kyiv", "kiev", "tehran", "ankara",
  "cairo", "angeles", "aires", "sea", "seas", "gulf", "strait", "straits", "peninsula", "ocean",
  "basin", "coast", "island", "islands", "canal", "valley", "mountains", "highlands", "city", "town",
  // The same in the other languages titles reach us in, where they capitalise them.
  "crónica", "cronica", "chronique", "historia", "história", "histoire", "storia", "geschichte", "guerre",
  "memoria", "mémoire", "política", "políticas", "politique", "politica", "politik", "paix",
  "frieden", "estado", "état", "staat", "europa", "nuevo", "nueva", "nouveau", "nouvelle", "neue", "neuen", "nuovo",
  "fría", "froid", "kalte", "kalten", "análisis", "analyse", "estudio", "étude", "studie", "bilanz", "perspektiven",
]);

/**
 * Word endings of nouns and adjectives that names do not have ("Strategies", "Partnerships",
 * "Modernisation", "Stability", "Historical", "Revolución", "Sicherheit", "Entwicklung"; not "-ity"
 * alone, for "Verity" and "Felicity", nor "-lies", for "Gillies", nor a short "-ung" or "-ing", for
 * "Cheung" and "Pickering").
 */
const TOPIC_ENDING_RE =
  /^\p{L}{3,}(?:tions?|sions?|isms?|ists|ities|ability|ibility|ality|ivity|osity|ness|ships?|ology|ologies|ised|ized|ising|izing|isation|ization|ical|[gctm]ies|[ae]nces|ción|ciones|ção|ções|zione|zioni|idad|idades|idade|idades|ité|ités|ismo|ismus|ungen|keit|heit|schaft|politik|atic|etic|istic)$|^\p{L}{4,}ics$|^\p{L}{5,}(?:ments?|ung)$|^\p{L}{7,}ing$/u;

/** A word of titles and headings, not of names. */
function isTopicWord(lower: string): boolean {
  return TOPIC_WORDS.has(lower) || TOPIC_ENDING_RE.test(lower);
}

const GENERATION_RE = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

/** Superscript digits as they appear after names in Word and web bylines. */
const SUPERSCRIPT_DIGITS: Record<string, string> = {
  "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
};
/** A digit or two, a symbol, or a lower-case letter standing alone ("Jane Doe a,*"). */
const MARKER = "(?:[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[*†‡§¶#]+|(?<=[\\s,])[a-h](?![\\p{L}]))";
/** Between two markers: a comma (or the raised comma "˒" some typesetters use), or nothing where a number meets a symbol ("1*", "²†", "*1"). */
const MARKER_SEPARATOR = "(?:\\s*[,˒]\\s*|(?<=[0-9⁰¹²³⁴⁵⁶⁷⁸⁹])(?=[*†‡§¶#])|(?<=[*†‡§¶#])(?=[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]))";
const TRAILING_MARKERS_RE = new RegExp(`\\s*(?<![0-9⁰¹²³⁴⁵⁶⁷⁸⁹])(${MARKER}(?:${MARKER_SEPARATOR}${MARKER})*)\\s*,?$`, "u");

function isNameToken(token: string): boolean {
  if (NAME_PARTICLES.has(token)) return true;
  if (NOT_NAME_WORDS.has(token.toLowerCase()) || isTopicWord(token.toLowerCase())) return false;
  // Initials ("L.", "J.-P."), capitalised words ("O'Neill", "Oyelaran-Brandt"),
  // "al-Rashid", or words of an uncased script (CJK names).
  return (
    /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u.test(token) ||
    /^\p{Lu}[\p{L}\p{M}'’-]*\.?$/u.test(token) ||
    /^(?:al|el|d|l)['’-]\p{Lu}[\p{L}\p{M}'’-]*$/u.test(token) ||
    /^[\p{Lo}\p{M}]+$/u.test(token)
  );
}

/** Split "2,*", "1*" or "¹²" into single markers ("2", "*"; "1", "*"; "1", "2"). */
function splitMarkers(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/\s*[,˒]\s*/).flatMap((p) => p.match(/[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+|[*†‡§¶#]+|[^0-9⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§¶#]+/gu) ?? [])) {
    if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/u.test(part)) {
      for (const ch of part) out.push(SUPERSCRIPT_DIGITS[ch] ?? ch);
    } else if (/^[*†‡§¶#]+$/u.test(part)) {
      for (const ch of part) out.push(ch);
    } else if (part !== "") {
      out.push(part);
    }
  }
  return out;
}

/** A segment's text before its trailing markers, and the markers ("PhD 1,*" -> "PhD", ["1", "*"]). */
function withoutTrailingMarkers(segment: string): { head: string; markers: string[] } {
  const trailing = TRAILING_MARKERS_RE.exec(segment);
  if (!trailing || trailing.index === 0) return { head: segment, markers: [] };
  return { head: segment.slice(0, trailing.index), markers: splitMarkers(trailing[1] ?? "") };
}

/** "Dr. Jane Q. Doe PhD 2,*" -> name, trailing degrees and markers, or null if it is not a personal name. */
function parsePersonName(segment: string): { parsed: ParsedName; honorific: boolean } | null {
  let rest = segment.trim();
  let markers: string[] = [];
  const trailing = TRAILING_MARKERS_RE.exec(rest);
  if (trailing && trailing.index > 0) {
    markers = splitMarkers(trailing[1] ?? "");
    rest = rest.slice(0, trailing.index);
  }
  const tokens = rest.split(/\s+/).filter((t) => t !== "");
  let honorific = false;
  while (tokens.length > 0 && HONORIFICS.has(normaliseToken(tokens[0] ?? ""))) {
    tokens.shift();
    honorific = true;
  }
  const degrees: string[] = [];
  while (tokens.length > 1 && isDegreeToken(tokens[tokens.length - 1] ?? "")) {
    degrees.unshift(tokens.pop() ?? "");
  }
  // "Jr.", "III": part of the name, not a separate word to vet.
  const generation = tokens.length > 2 && GENERATION_RE.test(tokens[tokens.length - 1] ?? "") ? tokens.pop() : undefined;
  if (tokens.length === 0 || tokens.length > 6) return null;
  if (!tokens.every(isNameToken)) return null;
  // "Program Director", "Hartwell Institute": capitalised, but a position or an institution.
  const words = tokens.join(" ");
  if (isPositionLine(words) || INSTITUTION_RE.test(words)) return null;
  if (tokens.every((t) => NAME_PARTICLES.has(t))) return null;
  const uncasedScript = tokens.every((t) => /^[\p{Lo}\p{M}]+$/u.test(t));
  if (tokens.length < 2 && !honorific && !uncasedScript) return null;
  const name = generation === undefined ? tokens.join(" ") : `${tokens.join(" ")} ${generation}`;
  return { parsed: { name, degrees, markers }, honorific };
}

/** "By", "Authors:", "Written by", "Par", "Autores:", a memo's "FROM:": a label saying the rest of the line is names. */
const BYLINE_LABEL_RE = new RegExp(`^(?:${BY_WORDS}\\s+|(?:${AUTHORS_WORDS}|${MEMO_FROM_WORDS})\\s*[:：]\\s*)`, "iu");
/** "and" between two names; "y", "e" and "i" are also particles inside one ("Ortega y Gasset"). */
const AND_SPLIT_RE = new RegExp(`\\s*(?:,\\s*)?(?:(?<![\\p{L}])${AND_WORDS}(?![\\p{L}])|&)\\s+`, "u");
/** The same in a line set in capitals ("JOHN A. SMITH AND MARÍA GONZÁLEZ"). */
const AND_SPLIT_CAPS_RE = new RegExp(AND_SPLIT_RE.source, "iu");
/** Bars, middle dots and slashes set between names, or between names and a date. */
/** A page's reading time beside its byline: "6 min read", "12-minute read", "Lesezeit 5 Min.", "Reading time: 4 minutes". */
const READING_TIME_RE = /^(?:(?:reading\s+time|read\s+time|lesezeit|temps\s+de\s+lecture|tiempo\s+de\s+lectura)\s*:?\s*)?\d{1,3}\s*-?\s*(?:min(?:ute)?s?|min\.)(?:\s+(?:read|de\s+lecture|de\s+lectura|Lesezeit))?\.?$/iu;
const NAME_SEPARATOR_RE = /\s+[|·•]\s+|\s+\/\s+|\s+[—–]\s+/u;
/** "… on March 3, 2024." or "…, March 3, 2024" after a byline's names ("le", "am", "el", "il", "em", "op": "on" in other languages). */
const BYLINE_DATE_RE = /(?:\s+(?:on|le|am|el|il|em|op)\s+|\s*,\s*)([^,;]*\d[^;]*?)\.?$/u;
/**
 * Chinese, Japanese or Korean names each with its affiliation marker, set apart by full-width
 * commas or middle dots: "李明1，王芳2*", "李明¹，王芳²", "山田 太郎1・鈴木 花子2".
 */
const MARKED_CJK_NAMES_RE = (() => {
  const person = String.raw`[\p{Lo}·]{1,6}(?: [\p{Lo}·]{1,6})?\s*[0-9⁰¹²³⁴⁵⁶⁷⁸⁹*†‡,]+`;
  return new RegExp(String.raw`^(?:${person}\s*[，、・]\s*)+${person}$`, "u");
})();
/** Arabic names each with its affiliation marker, set apart by Arabic commas: "أحمد محمد علي1، فاطمة حسن2*". */
const MARKED_ARABIC_NAMES_RE = (() => {
  const person = String.raw`\p{Script=Arabic}+(?: \p{Script=Arabic}+){0,4}\s*[0-9⁰¹²³⁴⁵⁶⁷⁸⁹*†‡,]+`;
  return new RegExp(String.raw`^(?:${person}\s*،\s*)+${person}$`, "u");
})();
/** "Jane Doe et al.": the others are not named. */
const ET_AL_RE = /,?\s+et\s+al\.?$/iu;
/** The same, captured, so the joiner can be put back where it joins one name. */
const AND_PARTICLE_SPLIT_RE = new RegExp(`(\\s+${AND_PARTICLE_WORDS}\\s+)`, "u");

/**
 * An identifier or an e-mail address closing a person's part of a line, after a comma or a
 * space: an orcid.org link, a labelled identifier ("ORCID iD: 0000-…", "Scopus ID: 572…") or
 * an address ("Jane Doe, University of Oslo, https://orcid.org/0000-…", a web page's contributor line).
 */
const CONTACT = `(?:${IDENTIFIER_LABEL})\\s*(?:[:：]\\s*\\S+|\\s+\\S*\\d\\S*)|(?:https?://)?orcid\\.org/\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]/?|<?(?:mailto:)?${EMAIL_IN_TEXT_RE.source}>?`;
const TRAILING_CONTACT_RE = new RegExp(`(?:\\s*,\\s*|\\s+)(${CONTACT})\\s*[,;]?$`, "iu");
/** An ORCID iD alone. */
const BARE_ORCID_RE = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;
/** A piece of a line that is only an identifier or an address. */
const CONTACT_ONLY_RE = new RegExp(`^(?:${CONTACT})$`, "iu");

/** `group` without the identifiers and addresses at its end, and those, in the order written. */
function peelContacts(group: string): { rest: string; contacts: string[] } {
  let rest = group;
  const contacts: string[] = [];
  for (let m = TRAILING_CONTACT_RE.exec(rest); m && m.index > 0; m = TRAILING_CONTACT_RE.exec(rest)) {
    contacts.unshift((m[1] ?? "").trim());
    rest = rest.slice(0, m.index);
  }
  return { rest, contacts };
}

/** Does a piece hold a whole name: two words or more besides particles? */
function fullName(piece: string): boolean {
  return piece.split(/\s+/).filter((w) => w !== "" && !NAME_PARTICLES.has(w)).length >= 2;
}

/**
 * Commas separate names, degrees and details; a comma inside a marker list
 * ("2,*") does not, nor one before lower-case words, unless they open a
 * position or a degree written in words ("Claire Dubois, professeure à …",
 * "Иван Соколов, доктор политических наук, профессор, …").
 */
function commaSegments(part: string): string[] {
  const out: string[] = [];
  for (const piece of part.split(/\s*,\s*/)) {
    const opensDetail = /^[\p{Lu}\p{Lo}]/u.test(piece) || isPositionLine(piece) || isDegreePhrase(piece);
    if (out.length > 0 && !opensDetail) out[out.length - 1] += `, ${piece}`;
    else if (piece.trim() !== "") out.push(piece);
  }
  return out;
}

/**
 * People between semicolons: cut at "and" and "&", and at "y"/"e"/"i" only where
 * both sides are whole names. Each piece comes with the text that follows it
 * on the line, for details that hold an "and" of their own ("Jane Doe,
 * Department of Politics and International Relations").
 */
function splitPeople(t: string): Array<{ part: string; rest: string }> {
  const parts: string[] = [];
  const capitals = !/\p{Ll}/u.test(t);
  for (const part of t.split(capitals ? AND_SPLIT_CAPS_RE : AND_SPLIT_RE)) {
    // [piece, joiner, piece, joiner, piece ...]
    const pieces = part.split(AND_PARTICLE_SPLIT_RE);
    let current = pieces[0] ?? "";
    for (let i = 1; i + 1 < pieces.length; i += 2) {
      const next = pieces[i + 1] ?? "";
      if (fullName(current) && fullName(next)) {
        parts.push(current);
        current = next;
      } else {
        current = `${current}${pieces[i] ?? " "}${next}`;
      }
    }
    parts.push(current);
  }
  const out: Array<{ part: string; rest: string }> = [];
  let from = 0;
  for (const part of parts) {
    const at = t.indexOf(part, from);
    out.push({ part, rest: t.slice(at) });
    from = at + part.length;
  }
  return out;
}

/**
 * Recognise an author line: "Amara Okafor-Lindqvist, PhD, MA", "By Jane Doe
 * and John Roe", "Prof. Li Wei", "Anna Nowak 1, Tomasz Brenner 2,* and Lucia
 * Ferreira 1". Returns null when the line is not made of personal names (plus
 * degrees and markers).
 */
/**
 * An ORCID iD written beside a name inside a list of names ("Mara Ellison¹ https://orcid.org/0000-…,
 * Jonas Hartmann² (ORCID: 0000-…)", or a journal page's iD icon linking to it): bare, as an
 * orcid.org address, labelled, or in brackets.
 */
const ORCID_BESIDE_NAME_RE = (() => {
  const inner = String.raw`(?:ORCID(?:\s+iD)?\s*[:：]?\s*)?(?:(?:https?://)?(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b/?`;
  // Spaces before an iD are taken from where they start, so a long run of them is read once, not once from each.
  return new RegExp(String.raw`(?<!\s)\s*(?:\(\s*${inner}\s*\)|\[\s*${inner}\s*\]|${inner})`, "giu");
})();

/**
 * A line of names with ORCID iDs among them: each iD goes to the name written last before it,
 * as that person's contact, and the line is then a by-line on its face. Read so only when the
 * line as written is not a line of names (an identifier closing a person's part is read as
 * written: `peelContacts`), and as written when its iDs cannot all be placed.
 */
export function parseNameLine(written: string): NameLine | null {
  // Markers in other scripts' digits ("أحمد محمد علي١") are read as the digits they are; a date beside
  // the names is given back as written.
  const line = asciiDigits(written);
  const parsed = parseAsciiNameLine(line);
  if (line === written || parsed?.dateline === undefined) return parsed;
  const at = line.indexOf(parsed.dateline);
  return at < 0 ? parsed : { ...parsed, dateline: written.slice(at, at + parsed.dateline.length) };
}

/** `parseNameLine` of a line whose digits are ASCII. */
function parseAsciiNameLine(line: string): NameLine | null {
  const asWritten = parseNames(line);
  if (asWritten) return asWritten;
  const ids: Array<{ id: string; at: number }> = [];
  let text = "";
  let last = 0;
  for (const m of line.matchAll(ORCID_BESIDE_NAME_RE)) {
    text += line.slice(last, m.index);
    ids.push({ id: (m[1] ?? m[2] ?? m[3])!, at: text.length });
    last = m.index + m[0].length;
  }
  if (ids.length === 0) return null;
  text += line.slice(last);
  // Nothing but iDs before the first name: not a line of names with iDs among them.
  if (!/\p{L}/u.test(line.slice(0, line.search(ORCID_BESIDE_NAME_RE)))) return null;
  const parsed = parseNames(text.replace(/\s+([,;])/g, "$1").replace(/\s{2,}/g, " "));
  if (!parsed) return null;
  // Where each name starts in the line without its iDs (by its last word, searched in order).
  const starts: number[] = [];
  let from = 0;
  for (const n of parsed.names) {
    const word = n.name.split(/\s+/).pop() ?? n.name;
    const at = text.indexOf(word, from);
    if (at < 0) return null;
    starts.push(at);
    from = at + word.length;
  }
  const owners = ids.map(({ at }) => starts.findLastIndex((s) => s < at));
  if (owners.some((o) => o < 0)) return null;
  owners.forEach((o, i) => {
    const name = parsed.names[o]!;
    name.contacts = [...(name.contacts ?? []), `ORCID: ${ids[i]!.id}`];
  });
  return { ...parsed, selfEvident: true };
}

/** The longest outlet or institution set apart from a by-line's names ("| Brookings", "— Reuters"). */
const MAX_OUTLET_CHARS = 80;
/** "Special to The Globe": a newspaper's note that the writer is not on its staff. */
const SPECIAL_TO_RE = /^Special\s+to\s+\S/iu;

/** Does `part` open with a person's full name and then their post or institution ("John Roe, Staff Writer")? */
function nameThenPost(part: string): boolean {
  const [name = "", post = ""] = part.split(/\s*,\s*/u);
  return fullName(name) && parsePersonName(name) !== null && (isPositionLine(post) || INSTITUTION_RE.test(post) || SPECIAL_TO_RE.test(post));
}

/** A phrase after a name and its comma that says who the person is: "a senior fellow at …", "the author of …", "formerly …". */
const APPOSITIVE_RE = /^(?:an?|the|formerly|former|now)\s+\S/iu;
/** Where a by-line may go on to the next person: ", and ", " and ", "; ". */
const NEXT_PERSON_RE = /,?\s+(?:and|&)\s+|\s*;\s*/giu;
/** A person's name before the comma that opens their description. */
const NAME_BEFORE_COMMA_RE = /^([^,;]{3,60})(?:,|$)/u;

/**
 * A by-line whose names each have a phrase saying who they are, as an op-ed prints it ("Fatima
 * Diallo, a senior fellow at the Atlantic Policy Institute, and Tom Reyes, a former U.S.
 * ambassador to Niger"): the names, each phrase their details (a post or an institution, without
 * its article) or what is said about them (anything else, as written). Null when
 * the line has no such phrase, or a part of it is not a name (with its phrase).
 */
function describedNames(t: string): ParsedName[] | null {
  if (!/,\s+(?:an?|the|formerly|former|now)\s/iu.test(t)) return null;
  // A person starts at the line's start, and after a joiner where a name and a comma (or the end) follow.
  const cuts: Array<{ end: number; start: number }> = [];
  for (const m of t.matchAll(NEXT_PERSON_RE)) {
    const start = m.index + m[0].length;
    const name = NAME_BEFORE_COMMA_RE.exec(t.slice(start))?.[1];
    if (name && parsePersonName(name)) cuts.push({ end: m.index, start });
  }
  const names: ParsedName[] = [];
  let from = 0;
  for (const cut of [...cuts, { end: t.length, start: t.length }]) {
    if (cut.end < from) continue;
    const piece = t.slice(from, cut.end).trim();
    from = cut.start;
    const comma = piece.indexOf(",");
    const person = parsePersonName(comma < 0 ? piece : piece.slice(0, comma));
    if (!person) return null;
    if (comma >= 0) {
      const phrase = piece.slice(comma + 1).trim().replace(/[,.]$/u, "");
      if (!APPOSITIVE_RE.test(phrase)) return null;
      const post = phrase.replace(/^(?:an?|the)\s+/iu, "");
      if (isPositionLine(post) || INSTITUTION_RE.test(post)) person.parsed.details = post;
      else person.parsed.about = phrase;
    }
    names.push(person.parsed);
  }
  return names.some((n) => n.details !== undefined || n.about !== undefined) ? names : null;
}

/**
 * Longer than this, a line is not a by-line: room for a dozen names, or four or five each with
 * an institution and its address in brackets.
 */
const MAX_NAME_LINE = 800;

function parseNames(line: string): NameLine | null {
  let t = line.trim();
  if (t === "" || t.length > MAX_NAME_LINE) return null;
  let selfEvident = false;
  // "By …", "Authors: …", "Written by …": said to be names.
  const by = BYLINE_LABEL_RE.exec(t);
  if (by) {
    t = t.slice(by[0].length);
    selfEvident = true;
  }
  t = t.replace(ET_AL_RE, "");
  // After a label ("作者：李明，王芳", "著者：山田 太郎、鈴木 花子", "المؤلفون: …، …"), full-width,
  // ideographic and Arabic commas set names apart like ","; elsewhere they may number a heading ("一、引言"),
  // unless each name carries its marker.
  if (by) t = t.replace(/\s*[，、،]\s*/gu, ", ").replace(/\s*؛\s*/gu, "; ");
  else if (MARKED_CJK_NAMES_RE.test(t)) t = t.replace(/\s*[，、・]\s*/gu, ", ");
  else if (MARKED_ARABIC_NAMES_RE.test(t)) t = t.replace(/\s*،\s*/gu, ", ");
  // "By Jane Doe on March 3, 2024.": a byline's date after "on" (a blog's, a Medium story's footer).
  let dateline: string | undefined;
  const dated = selfEvident ? BYLINE_DATE_RE.exec(t) : null;
  if (dated?.[1] && isDateline(dated[1])) {
    dateline = dated[1];
    t = t.slice(0, dated.index);
  }
  // "By Fatima Diallo, a senior fellow at …, and Tom Reyes, a former ambassador …": each name with the phrase saying who they are.
  const described = selfEvident ? describedNames(t) : null;
  if (described) return dateline === undefined ? { names: described, selfEvident } : { names: described, selfEvident, dateline };
  // "Nino Beridze[1]": a note reference after a name (Google Docs writes them so) is its marker.
  t = t.replace(/(?<=\p{L})\[(\d{1,2}|[*†‡])\](?=[\s,]|$)/gu, " $1");
  // "Ana Souza^1,2^": Pandoc's superscript around a name's markers.
  t = t.replace(/(?<=\p{L})\^([\d,*†‡]{1,12})\^(?=[\s,]|$)/gu, " $1");
  // "Anna Kowalska · Peter Lindqvist", "By Jane Doe | March 3, 2024": people apart, a date aside.
  if (NAME_SEPARATOR_RE.test(t)) {
    const people: string[] = [];
    for (const [i, piece] of t.split(NAME_SEPARATOR_RE).entries()) {
      const last = people.length - 1;
      if (i > 0 && dateline === undefined && isDateline(piece)) dateline = piece.trim();
      // "· 6 min read", "· 12-minute read": the page's reading time, no one's name.
      else if (i > 0 && READING_TIME_RE.test(piece.trim())) continue;
      // "Ana Ruiz · Universidad de Chile · https://orcid.org/…": her institution and identifier, not more people.
      else if (last >= 0 && (INSTITUTION_RE.test(piece) || isPositionLine(piece) || CONTACT_ONLY_RE.test(piece.trim()))) people[last] += `, ${piece.trim()}`;
      // "By Jane Doe — Reuters", "Jane Doe and John Roe | Brookings": no one's name, so the outlet or institution of the name before it.
      else if (last >= 0 && /\p{L}/u.test(piece) && !/[()]/.test(piece) && piece.trim().length <= MAX_OUTLET_CHARS && parsePersonName(piece) === null) people[last] += ` (${piece.trim()})`;
      else people.push(piece);
    }
    t = people.join("; ");
  }
  // "Jane Doe (Hartwell Institute)": a name's affiliation in brackets, held aside while the line
  // is cut into names (it may hold commas and "and" of its own).
  const bracketed: string[] = [];
  t = t.replace(/\s*\(([^()]{2,150})\)/g, (_m, inner: string) => `\uE000${bracketed.push(inner.trim()) - 1}\uE000`);
  // "Jane Doe, University of Oslo, https://orcid.org/…": each person's identifiers and addresses, held aside.
  const groupContacts: string[][] = [];
  t = t
    .split(/\s*;\s*/)
    .map((group) => {
      const { rest, contacts } = peelContacts(group);
      groupContacts.push(contacts);
      return rest;
    })
    .join("; ");
  if (t.length > 200 || /[@:/|[\]()]/.test(t)) return null;
  if (/[!?;…]$/.test(t)) return null;
  const names: ParsedName[] = [];
  for (const [g, group] of t.split(/\s*;\s*/).entries()) {
    const parts = splitPeople(group);
    people: for (const [k, { part, rest }] of parts.entries()) {
      const segments = commaSegments(part);
      if (segments.length === 0) return null;
      let from = 0;
      for (const segment of segments) {
        const current = names[names.length - 1];
        const at = part.indexOf(segment, from);
        from = at + segment.length;
        if (current && (isPositionLine(segment) || INSTITUTION_RE.test(segment) || SPECIAL_TO_RE.test(segment))) {
          // "Jane Doe, Senior Fellow, Hartwell Institute": the rest up to a semicolon describes her;
          // an "and" there is the institution's ("Department of Politics and International Relations"),
          // unless another person's name and post follow it ("…, Bureau Chief, and John Roe, Staff Writer").
          selfEvident = true;
          const next = parts[k + 1];
          if (next && nameThenPost(next.part)) {
            current.details = part.slice(at).trim();
            continue people;
          }
          current.details = rest.slice(at).trim();
          break people;
        }
        // "Jane Doe, MD, PhD 1,2": degrees, and the markers after the last of them.
        const { head, markers } = withoutTrailingMarkers(segment);
        if (current && isDegreesLine(head)) {
          current.degrees.push(...parseDegrees(head));
          current.markers.push(...markers);
          selfEvident = true;
          continue;
        }
        if (current && isDegreePhrase(head)) {
          current.degrees.push(head.trim());
          current.markers.push(...markers);
          selfEvident = true;
          continue;
        }
        const held = /\uE000(\d+)\uE000$/.exec(segment);
        const person = parsePersonName(held ? segment.slice(0, held.index) : segment);
        if (!person || /\uE000/.test(held ? segment.slice(0, held.index) : segment)) return null;
        if (person.honorific || person.parsed.degrees.length > 0 || person.parsed.markers.length > 0) selfEvident = true;
        if (held) {
          // "Jane Doe (ORCID: 0000-…)", "Jane Doe (0000-…)": an identifier in brackets is hers, not an affiliation.
          const inner = bracketed[Number(held[1])]!;
          if (CONTACT_ONLY_RE.test(inner)) person.parsed.contacts = [...(person.parsed.contacts ?? []), inner];
          else if (BARE_ORCID_RE.test(inner)) person.parsed.contacts = [...(person.parsed.contacts ?? []), `ORCID: ${inner}`];
          else person.parsed.details = inner;
          selfEvident = true;
        }
        names.push(person.parsed);
      }
    }
    const contacts = groupContacts[g] ?? [];
    const owner = names[names.length - 1];
    if (contacts.length > 0 && owner) {
      owner.contacts = [...(owner.contacts ?? []), ...contacts];
      selfEvident = true;
    }
  }
  if (names.length === 0) return null;
  // A trailing full stop is only fine after an initial, a degree or "Jr." ("Jane Doe, M.Sc.").
  if (/\.$/.test(t)) {
    const last = t.split(/[\s,]+/).pop() ?? "";
    if (!isDegreeToken(last) && !/^\p{Lu}\.$/u.test(last) && !GENERATION_RE.test(last)) return null;
  }
  // Two or more people on one line is a by-line, with or without "By".
  if (names.length > 1) selfEvident = true;
  return dateline === undefined ? { names, selfEvident } : { names, selfEvident, dateline };
}

/** Russian letters in Latin ones, as e-mail addresses and English texts write Russian names. */
const CYRILLIC_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch",
  ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", і: "i", ї: "yi", є: "ye", ґ: "g",
};

/** Greek letters in Latin ones (unaccented; "ου" is taken first), as e-mail addresses write Greek names. */
const GREEK_LATIN: Record<string, string> = {
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m", ν: "n",
  ξ: "x", ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps", ω: "o",
};

/**
 * Lower case, in Latin letters, without diacritics or anything but letters
 * (names and e-mail local parts compare this way: "Соколов" and "sokolov",
 * "Παπαδόπουλος" and "papadopoulos").
 */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/[\u0400-\u04ff]/g, (ch) => CYRILLIC_LATIN[ch] ?? ch)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ου/g, "ou")
    .replace(/[\u0370-\u03ff]/g, (ch) => GREEK_LATIN[ch] ?? ch)
    .replace(/[^\p{L}]/gu, "");
}

/**
 * A transliteration-neutral skeleton: the first letter, then consonants
 * with common spelling variants merged ("kh"/"h", "ts"/"tz"/"c", "w"/"v")
 * and "y", "j", "i" and the vowels dropped, so "Kanaev", "Kanayev" and
 * "Kanajev" agree.
 */
function skeleton(word: string): string {
  const f = fold(word);
  if (f === "") return "";
  const merged = f
    .replace(/tch|tsch/g, "c")
    .replace(/kh/g, "h")
    .replace(/zh/g, "z")
    .replace(/sch|sh/g, "s")
    .replace(/ch/g, "c")
    .replace(/ts|tz/g, "c")
    .replace(/ks|x/g, "ks")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/ck/g, "k");
  const head = merged[0] ?? "";
  const tail = merged.slice(1).replace(/[aeiouyj]/g, "");
  return (head + tail).replace(/(.)\1+/g, "$1");
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * Do two surnames name the same person across transliterations? Equal when
 * folded, or the same skeleton (and first letter), or one edit apart for
 * names of five letters or more.
 */
export function similarSurnames(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (fa === "" || fb === "") return false;
  if (fa === fb) return true;
  if (fa[0] !== fb[0] || Math.abs(fa.length - fb.length) > 3) return false;
  if (Math.min(fa.length, fb.length) >= 4 && skeleton(fa) === skeleton(fb)) return true;
  return Math.min(fa.length, fb.length) >= 5 && editDistance(fa, fb) <= 1;
}

/** The surname of "Ivan P. Kanaev" or "Mei-Ling van der Berg": the last word that is not an initial. */
export function surnameOf(name: string): string {
  const tokens = name.trim().split(/\s+/).filter((t) => !/^\p{Lu}\.$/u.test(t));
  return tokens[tokens.length - 1] ?? name.trim();
}

/**
 * One person's name and nothing else, shaped so plainly that it is a name even standing alone
 * under a title ("Mara Ellison", "Mara J. Ellison", "Hélène Carrère d'Encausse", "JEAN-LUC PICARD"):
 * two to four words of a cased script besides particles, each an initial or a capitalised word
 * with lower-case letters (or all in capitals), no degree, marker or detail. Every word has already
 * passed `isNameToken`, so no function word or title word is among them.
 */
export function isBareName(line: NameLine): boolean {
  const [only] = line.names;
  if (!only || line.names.length !== 1 || line.dateline !== undefined) return false;
  if (only.details !== undefined || only.degrees.length > 0 || only.markers.length > 0 || (only.contacts?.length ?? 0) > 0) return false;
  const words = only.name.split(/\s+/).filter((w) => !NAME_PARTICLES.has(w));
  const initial = (w: string) => /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u.test(w);
  if (words.length < 2 || words.length > 4) return false;
  // "Putin's Russia": a possessive is a phrase's, not a name's.
  if (words.some((w) => /['’]s$/iu.test(w))) return false;
  const capitals = !/\p{Ll}/u.test(only.name);
  // A capitalised word with lower-case letters ("Ellison", "O'Neill", "McDonald", "LeBlanc"), an initial with or without its stop, or all capitals.
  const word = capitals
    ? /^(?:[DL]['’])?\p{Lu}{2,}(?:['’-]\p{Lu}+)*$/u
    : /^(?:[dl]['’])?\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{Lu}?[\p{L}\p{M}]+)*$/u;
  const single = (w: string) => /^\p{Lu}$/u.test(w);
  const wordy = (w: string) => word.test(w) && (capitals || /\p{Ll}/u.test(w));
  return words.every((w) => initial(w) || single(w) || wordy(w)) && words.some((w) => !initial(w) && !single(w));
}

/** Does `written` (one or more words as a bio spells them) name the author called `name`? */
export function namesAuthor(written: string, name: string): boolean {
  const surname = surnameOf(name);
  const words = written.trim().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  return similarSurnames(last, surname);
}
