/** Parses request input with a shared zod schema; a failure names the first bad field. */
import type { Request } from "express";
import { z } from "zod";
import { IdSchema } from "../../common/workspaces.ts";
import { ValidationError } from "./errors.ts";

/** Returns the parsed value or throws a 400 naming the offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = "body"): z.infer<S> {
  let result: z.ZodSafeParseResult<z.infer<S>>;
  try {
    result = schema.safeParse(input) as z.ZodSafeParseResult<z.infer<S>>;
  } catch {
    // zod runs some checks on values of the wrong type; hostile objects (a `length` whose
    // toString is not a function, say) can make such a check throw. Still just bad input.
    throw ValidationError(`${where}: malformed value`, where);
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join(".") : where;
  const message = issue.path.length ? `${field}: ${issue.message}` : `${where}: ${issue.message}`;
  throw ValidationError(message, field, result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
}

const IdParams = z.object({ id: IdSchema });

/** The `:id` of a route's path (a workspace, document, annotation or tag, by the route), or a 400 naming `id`. */
export function idParam(req: Request): string {
  return parseInput(IdParams, req.params, "params").id;
}
