/**
 * What a clientMutationId stands for: the fingerprint of its request, kept with the recorded
 * result. A repeat of the id is the same change only when it sends the same request (the same
 * mutation, target and input); one with a different request is refused, not answered with the
 * first change's result as though the second had been made.
 */
import { createHash } from "node:crypto";
import { HttpError } from "../../http/errors.ts";

/** Object keys in code-unit order, at every depth (arrays keep theirs); otherwise JSON.stringify's rules. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }) ?? "null"
  );
}

/** SHA-256 (hex) of the canonical JSON of the mutation's name and its input, without the clientMutationId itself. */
export function requestFingerprint(mutation: string, input: unknown): string {
  let request = input;
  if (typeof input === "object" && input !== null && "clientMutationId" in input) {
    const { clientMutationId: _id, ...rest } = input as Record<string, unknown>;
    request = rest;
  }
  return createHash("sha256").update(canonicalJson({ mutation, input: request })).digest("hex");
}

/** The 409 for a clientMutationId already used by the caller for another request. */
export const ReusedClientMutationIdError = () =>
  new HttpError(
    409,
    "client_mutation_id_reused",
    "clientMutationId: already used for a different change; send a new id for a new change (a repeat must send the same request)",
    "clientMutationId",
  );

/**
 * Refuses a repeat whose request differs from the recorded one. A record without a fingerprint
 * (made before they were kept) is taken as the same request, as it was then.
 */
export function assertSameRequest(recorded: string | null, request: string): void {
  if (recorded !== null && recorded !== request) throw ReusedClientMutationIdError();
}
