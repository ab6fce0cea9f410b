/**
 * Refuses passwords that are easy to guess whatever their length: the most common ones, close
 * variants of them, repeats, sequences, keyboard rows, dates, and the person's own name or
 * e-mail. The judgement and its word lists come from zxcvbn (its maintained TypeScript port and
 * its common-password dictionaries); the message tells the person why.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { ValidationError } from "../http/errors.ts";

/** zxcvbn scores 0..4; 2 and above is at least a million guesses away with smart guessing. */
export const MIN_PASSWORD_SCORE = 2;

const WHY: Record<string, string> = {
  topTen: "is one of the ten most common passwords",
  topHundred: "is one of the hundred most common passwords",
  common: "is a commonly used password",
  similarToCommon: "is a small variation of a commonly used password",
  simpleRepeat: 'repeats one character (like "aaaa")',
  extendedRepeat: 'repeats a short pattern (like "abcabc")',
  sequences: 'is a sequence (like "abcd" or "6543")',
  straightRow: "is a row of keys on the keyboard",
  keyPattern: "is a short keyboard pattern",
  recentYears: "is mostly a recent year",
  dates: "is mostly a date",
  wordByItself: "is a single common word",
  namesByThemselves: "is a name on its own",
  commonNames: "is mostly a common name",
  userInputs: "is built from your name or e-mail address",
};

let checker: ZxcvbnFactory | null = null;

/** Why `password` is too easy to guess, or null when it is acceptable. */
export function weakPasswordReason(password: string, userInputs: string[] = []): string | null {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // zxcvbn's cost grows with length; past 100 characters a password is long enough on its own.
  const result = checker.check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning;
  return (warning && WHY[warning]) ?? "is too easy to guess";
}

/** Throws a 400 on `password` naming the reason. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const reason = weakPasswordReason(password, userInputs);
  if (reason) throw ValidationError(`password: ${reason}; choose a longer phrase of unrelated words`, "password");
}
