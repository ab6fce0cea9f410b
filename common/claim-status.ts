/**
 * A claim's statuses and their words, without zod: screens that only show a status (the
 * notification bell in the top bar) use these without loading the schemas in review.ts.
 */
export const VERDICTS = ["supported", "disputed", "false", "misleading", "unverifiable"] as const;
export const CLAIM_STATUSES = ["open", "in_review", ...VERDICTS, "retracted"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Verdict = (typeof VERDICTS)[number];

/** Statuses in words, for every screen and export. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  open: "Open",
  in_review: "In review",
  supported: "Supported",
  disputed: "Disputed",
  false: "False",
  misleading: "Misleading",
  unverifiable: "Unverifiable",
  retracted: "Retracted",
};

export function isVerdict(status: string): status is Verdict {
  return (VERDICTS as readonly string[]).includes(status);
}
