/** Note and reply bodies from clients, checked against the editor schema (common/bodies.ts). */
import type { z } from "zod";
import { checkBody, type Body, type BodyInputSchema } from "../../../common/bodies.ts";
import { ValidationError } from "../../http/errors.ts";

/** Validates a body; a bad one is a 400 naming `field`. */
export function requireBody(input: z.output<typeof BodyInputSchema>, field = "body"): Body {
  const checked = checkBody(input);
  if (!checked.ok) throw ValidationError(`${field}: ${checked.message}`, field);
  return checked.body;
}
