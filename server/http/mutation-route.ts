/** The REST side of the one mutation path: run a named mutation for the signed-in user and answer. */
import type { Request, Response } from "express";
import type { AppContext } from "../app-context.ts";
import type { AnyMutationName } from "../modules/mutations/registry.ts";
import { requireUser } from "../auth/passport.ts";

/** The JSON body as an object (anything else counts as empty; the schema then names what is missing). */
export function bodyObject(req: Request): Record<string, unknown> {
  return typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

export interface AnswerShape {
  /** Wrap the result as `{ [key]: result }`; without it the result is the body. */
  key?: string;
  /** 204 answers with no body. */
  status?: number;
}

/**
 * Returns `mutate(req, res, name, input, shape)`. A repeated clientMutationId answers with the
 * first result and `x-idempotent-replay: true`.
 */
export function mutationResponder(ctx: AppContext) {
  return async function mutate(req: Request, res: Response, name: AnyMutationName, input: Record<string, unknown>, shape: AnswerShape = {}) {
    const user = requireUser(req);
    const outcome = await ctx.mutations.run(name, { userId: user.id, displayName: user.displayName }, input);
    if (outcome.replayed) res.setHeader("x-idempotent-replay", "true");
    const status = shape.status ?? 200;
    if (status === 204) return void res.status(204).end();
    res.status(status).json(shape.key ? { [shape.key]: outcome.result } : outcome.result);
  };
}
