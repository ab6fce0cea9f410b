/**
 * Academic degrees in front matter: post-nominal lists ("PhD, M.Sc.") and
 * whole degree lines ("Doctor of Political Science", "Candidate of Science
 * (History)", "PhD in Economics").
 */

/** Degrees and post-nominals, compared without dots and case. */
const DEGREES = new Set([
  "phd", "dphil", "ma", "msc", "mphil", "ba", "bsc", "llm", "llb", "jd", "md", "mba", "mpa", "mpp",
  "mph", "edd", "dsc", "dlitt", "mres", "mlitt", "meng", "beng", "ms", "bs", "sm", "sb", "ab", "mia",
  "mald", "mpia", "lld", "habil", "mfa", "bfa", "msw", "mdiv", "pharmd", "drphil", "drhabil", "frs",
  "fba", "frsa", "frhists", "faas", "frse", "mag", "dipl", "diplom", "mast", "mas", "pgdip", "pgcert",
  "mlis", "mpil", "cantab", "oxon", "hons", "sjd", "jsd",
]);

/**
 * A line that names a degree in words: "Doctor of …", "Candidate of …"
 * (the Russian kandidat nauk), "Master of …", "PhD in …", "Dr. habil.",
 * "Docteur en science politique", "кандидат исторических наук", "д.п.н.".
 */
const DEGREE_PHRASE_RE =
  /^(?:(?:Doctor|Candidate|Master|Bachelor|Licentiate)\s+(?:of|in)\s+\p{L}|Ph\.?\s?D\.?\s+(?:in\s|\()|D\.?\s?Phil\.?\s+(?:in\s|\()|Dr\.?\s?(?:habil|rer|phil|sc)\b|Habilitation\b|Doctorate\s+in\s|(?:Docteur|Doctor|Doutor|Dottore|Doktor)\s+(?:en|de|em|di|der)\s+\p{L}|(?:доктор|кандидат)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?\s+наук|[дк]\.\s?[\p{L}]{1,3}\.\s?н\.)/iu;

/** A token without dots, brackets and case, for comparison with the degree list. */
export function normaliseToken(token: string): string {
  return token.replace(/[.()]/g, "").toLowerCase();
}

export function isDegreeToken(token: string): boolean {
  return DEGREES.has(normaliseToken(token));
}

/** A line made only of degrees, e.g. "PhD (Edinburgh), M.Sc.". */
export function isDegreesLine(line: string): boolean {
  const withoutParens = line.replace(/\([^()]{0,80}\)/g, " ");
  const tokens = withoutParens.split(/[\s,;]+/).filter((t) => t !== "" && !/^(?:and|&)$/i.test(t));
  return tokens.length > 0 && tokens.every(isDegreeToken);
}

/** A degree written out, such as "Doctor of Political Science" (at most 16 words). */
export function isDegreePhrase(line: string): boolean {
  const t = line.trim();
  return DEGREE_PHRASE_RE.test(t) && t.split(/\s+/).length <= 16;
}

/** The degree tokens of a post-nominal list. */
export function parseDegrees(line: string): string[] {
  return line
    .replace(/\([^()]{0,80}\)/g, " ")
    .split(/[\s,;]+/)
    .filter((t) => t !== "" && isDegreeToken(t));
}
