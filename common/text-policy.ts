/**
 * One policy for every string a user supplies, applied by the shared schemas on both ends.
 * - All stored text: no NUL (PostgreSQL refuses it) and no unpaired UTF-16 surrogate (it has no
 *   UTF-8 form): refused as a 400 naming the field, never a 500 from the database.
 * - Names (people, workspaces, tags, document titles) are shown beside other people's content,
 *   so they also refuse control characters, bidirectional overrides, embeddings and isolates
 *   (which can make a name display as something else, or reorder the text after it), and must
 *   contain at least one visible character.
 */
import { z } from "zod";

// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
export const UNSTORABLE_CHARS = /\u0000|[\ud800-\udfff]/u;
export const isStorableText = (s: string) => !UNSTORABLE_CHARS.test(s);
export const NOT_STORABLE = "must not contain NUL or unpaired surrogate characters";

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** Characters that render as nothing (or as blank space); combining marks (\p{M}) count as nothing on their own. */
const INVISIBLE = /[\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u2800\u3000\u3164\ufeff\uffa0]|\p{M}/gu;

/** Why `s` is not acceptable as a name, or null when it is. */
export function nameProblem(s: string): string | null {
  if (!isStorableText(s)) return NOT_STORABLE;
  if (CONTROL.test(s)) return "must not contain control characters or line breaks";
  if (BIDI_CONTROL.test(s)) return "must not contain bidirectional override or isolate characters";
  if (s.replace(INVISIBLE, "") === "") return "must contain at least one visible character";
  return null;
}

/** What a file name may not carry: NUL, unpaired surrogates, control characters, bidirectional controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this replaces
const NOT_IN_FILE_NAMES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu;

/**
 * An uploaded file's name as its sender gave it, kept (it is only a label) but made storable and
 * safe to show beside other people's content: at most `max` characters, never half a surrogate
 * pair, and every character the name policy refuses replaced by U+FFFD.
 */
export function fileNameText(s: string, max = 255): string {
  let cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (cut.length < s.length && last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.replace(NOT_IN_FILE_NAMES, "\ufffd");
}

/** Free text stored as given (notes, rationales, descriptions), at most `max` characters. */
export const storedText = (max: number, tooLong = `must be at most ${max} characters`) => z.string().max(max, tooLong).refine(isStorableText, NOT_STORABLE);

/** A name shown to others: trimmed, 1..max characters, and passing nameProblem. */
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = nameProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
