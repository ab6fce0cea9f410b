/**
 * The shapes of annotation and reply bodies as clients send and read them: plain text, or rich
 * text (TipTap JSON). Checking a rich body against the editor schema is in bodies.ts; this
 * module needs no editor code, so screens that only name these shapes stay small.
 */
import { z } from "zod";
import { storedText } from "./text-policy.ts";

export const MAX_BODY_CHARS = 10_000;

const BodyTextSchema = storedText(MAX_BODY_CHARS);
export const TextBodySchema = z.object({ format: z.literal("text"), text: BodyTextSchema });
export const RichBodySchema = z.object({ format: z.literal("rich"), doc: z.record(z.string(), z.unknown()) });
export const BodyInputSchema = z.union([
  BodyTextSchema.transform((text) => ({ format: "text" as const, text })),
  TextBodySchema,
  RichBodySchema,
]);
export type BodyInput = z.input<typeof BodyInputSchema>;

export type Body = { format: "text"; text: string } | { format: "rich"; doc: Record<string, unknown>; text: string; mentions: string[] };
