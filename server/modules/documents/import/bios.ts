/**
 * Author bios: prose that opens with an author's name and a verb of
 * standing ("Ivan Kanayev is Professor at …", "Jane Doe, a senior fellow
 * at …"), matched to the author by surname with transliteration tolerance.
 */
import { namesAuthor } from "./names.ts";

/** How much of a text is read to judge whether it opens like a bio. */
const OPENING_LENGTH = 400;

/** A name (honorific allowed) followed by a verb, an apposition or a possessive. */
/** "is", "was", "teaches" in the other languages articles reach us in (French, Spanish, Portuguese, German, Italian, Dutch, Polish, Russian, Swedish). */
const BIO_VERBS_ELSEWHERE =
  "est|était|a\\s+été|enseigne|dirige|travaille|es|fue|ha\\s+sido|trabaja|enseña|é|foi|trabalha|leciona|ist|war|lehrt|leitet|arbeitet|forscht|è|insegna|lavora|werkt|jest|pracuje|является|работает|преподаёт|преподает|är|arbetar";
const BIO_OPENING_RE = new RegExp(
  `^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\\.?\\s+)?((?:\\p{Lu}[\\p{L}\\p{M}'’.-]*\\s+){0,4}\\p{Lu}[\\p{L}\\p{M}'’-]*)(?=,\\s|\\s+(?:is|was|has|holds|serves|served|works|worked|teaches|taught|heads|leads|directs|received|earned|joined|writes|wrote|specializes|specialises|researches|studies|previously|currently|formerly|also|${BIO_VERBS_ELSEWHERE})(?![\\p{L}])|\\s+[—–]\\s|[’']s\\s)`,
  "u",
);

/** Words that make the opening sentence read like a bio rather than argument about someone. */
const BIO_WORDS_RE =
  /(?<![\p{L}])(?:professeure?|profesora?|professora|chercheu(?:r|se)|investigadora?|pesquisadora?|forscher(?:in)?|wissenschaftler(?:in)?|ricercat(?:ore|rice)|directeur|directrice|directora?|docteur|doutor|université|universidad|universidade|universität|università|uniwersytet|instituto?|istituto|zentrum|stiftung|fundación|fundação|fondation|école|escuela|hochschule|профессор|доцент|сотрудник|университета?|института?|professor|fellow|director|researcher|lecturer|editor|analyst|economist|scholar|scientist|journalist|correspondent|adviser|advisor|dean|rector|chair|head|university|institute|centre|center|school|faculty|college|academy|foundation|council|ph\.?\s?d|doctorate|degree|graduated|author of|co-author|holds|member of|candidate of|doctor of)(?![\p{L}])/iu;

/** The name as the bio writes it, when `text` opens like a bio; otherwise null. */
export function bioName(text: string): string | null {
  const t = text.slice(0, OPENING_LENGTH).trim();
  const m = BIO_OPENING_RE.exec(t);
  if (!m?.[1]) return null;
  const firstSentence = t.slice(0, OPENING_LENGTH);
  return BIO_WORDS_RE.test(firstSentence) ? m[1] : null;
}

/** Index of the author in `names` a bio opening with `text` is about, or -1. */
export function bioAuthorIndex(text: string, names: readonly string[]): number {
  const written = bioName(text);
  if (written === null) return -1;
  return names.findIndex((name) => namesAuthor(written, name));
}

/**
 * Split a paragraph holding several authors' bios ("A is … B is …") at the
 * sentences that open with another author's name. Returns [author index,
 * text] pairs; sentences before any match are dropped.
 */
export function splitBios(text: string, names: readonly string[]): [number, string][] {
  const starts: [number, number][] = [];
  const sentenceStart = /(?:^|[.!?…]["'”’)]?\s+)(?=\p{Lu})/gu;
  for (const m of text.matchAll(sentenceStart)) {
    const at = m.index + m[0].length;
    const who = bioAuthorIndex(text.slice(at, at + OPENING_LENGTH), names);
    const previous = starts[starts.length - 1];
    if (who >= 0 && previous?.[0] !== who) starts.push([who, at]);
  }
  return starts.map(([who, at], i) => [who, text.slice(at, starts[i + 1]?.[1] ?? text.length).trim()]);
}
