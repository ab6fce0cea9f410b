/**
 * Joining lines that a typesetter broke inside a word. "eco-" + "nomic" is
 * "economic", but "great-" + "power" is "great-power": the hyphen stays
 * when the document itself spells the hyphenated form elsewhere (and never
 * the joined one), when both parts are words the document uses on their
 * own ("raw-material"), or when the first part is a prefix English
 * hyphenates ("non-", "self-", "well-" …), and the rest is not a suffix.
 * Otherwise the break was the typesetter's and the hyphen goes.
 */

/** Prefixes that are hyphenated whatever follows ("non-alignment", "self-interest"). */
const COMPOUND_PREFIXES = new Set([
  "non", "self", "well", "anti", "multi", "cross", "counter", "quasi", "semi", "cyber", "geo", "macro",
  "micro", "socio", "ultra", "neo", "pan", "euro", "vice",
]);
/** Shorter than this, a part is more likely a syllable ("be-came", "in-form") than a word. */
const MIN_PART = 3;
/**
 * Words that head closed compounds ("how-ever", "can-not", "with-out",
 * "frame-work"): a break after them is a syllable break.
 */
const CLOSED_HEADS = new Set([
  "how", "what", "when", "where", "there", "here", "can", "with", "some", "any", "every", "him", "her",
  "them", "out", "over", "under", "for", "mean", "other", "frame", "net", "back", "fore", "further", "never",
  "more", "none", "who", "whom", "where", "which", "your", "our", "thereby", "hence", "through", "with",
  "in", "on", "up", "be", "to", "my", "it", "no", "an", "at", "by", "of",
]);
/** Common first parts of open compounds in essays ("raw-material", "long-term", "state-owned"). */
const COMPOUND_HEADS = new Set([
  "raw", "long", "short", "high", "low", "well", "state", "middle", "great", "small", "large", "medium",
  "full", "half", "free", "open", "hard", "soft", "world", "cross", "one", "two", "three", "four", "five",
  "ten", "first", "second", "third", "top", "far", "near", "wide", "year", "decision", "policy", "trade",
  "market", "war", "peace", "power", "energy", "arms", "risk", "oil", "gas", "left", "right", "mid", "post",
  "all", "cost", "rule", "law", "fact", "time", "value", "price", "data",
]);
/** What follows a syllable break rather than a compound's hyphen ("great-est", "state-ment", "low-ered"). */
const SUFFIX_RE =
  /^(?:er|ers|est|ly|ness|ing|ings|ed|ment|ments|tion|tions|ity|ities|ous|ive|al|ance|ence|ism|isms|ist|ists|ful|less|ship|ward|wards|ize|ise|ized|ised|able|ible|en|ened|ening|ered|ering|erly|ish|age|ages|ure|ures)$/;

const WORD_RE = /[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*/gu;

/** The words a document uses, lower case, for judging hyphenated breaks. */
export class Vocabulary {
  private readonly words = new Set<string>();

  /** Add the words of a line (a word broken at its end does not count). */
  addLine(line: string): void {
    const text = /[\p{L}]-$/u.test(line) ? line.replace(/\S+$/u, "") : line;
    for (const m of text.matchAll(WORD_RE)) this.words.add(m[0].toLowerCase());
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }
}

/**
 * Join `first`, which ends in a hyphen after a letter, to `second`, which
 * starts with a lower-case letter: with the hyphen kept, or without it.
 */
export function joinHyphenated(first: string, second: string, vocabulary: Vocabulary): string {
  const before = /([\p{L}\p{M}]+)-$/u.exec(first)?.[1] ?? "";
  const after = /^[\p{L}\p{M}]+/u.exec(second)?.[0] ?? "";
  const joined = `${before}${after}`;
  const hyphenated = `${before}-${after}`;
  if (vocabulary.has(joined)) return `${first.slice(0, -1)}${second}`;
  // "balance-" + "of-payments": a compound broken at one of its own hyphens.
  if (/^[\p{L}\p{M}]+-[\p{L}\p{M}]/u.test(second)) return `${first}${second}`;
  const suffix = SUFFIX_RE.test(after.toLowerCase());
  const head = before.toLowerCase();
  if (vocabulary.has(hyphenated)) return `${first}${second}`;
  if (suffix || CLOSED_HEADS.has(head)) return `${first.slice(0, -1)}${second}`;
  // A compounding prefix, two words the document uses on their own, or a common compound head.
  const bothWords = before.length >= MIN_PART && after.length >= MIN_PART && vocabulary.has(before) && vocabulary.has(after);
  const keep = COMPOUND_PREFIXES.has(head) || bothWords || (COMPOUND_HEADS.has(head) && after.length >= 4);
  return keep ? `${first}${second}` : `${first.slice(0, -1)}${second}`;
}
