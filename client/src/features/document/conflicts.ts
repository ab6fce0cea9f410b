/**
 * Reading a refused edit: a 409 carries the entity as it is now in `details.current`. The
 * guards check the fields the screen relies on, since the details arrive untyped.
 */
import type { AnnotationDto, ReplyDto } from "../../../../common/annotations.ts";

function currentOf(details: unknown): Record<string, unknown> | null {
  if (typeof details !== "object" || details === null || !("current" in details)) return null;
  const { current } = details;
  return typeof current === "object" && current !== null ? { ...current } : null;
}

function isAnnotation(v: Record<string, unknown>): v is Record<string, unknown> & AnnotationDto {
  return typeof v.id === "string" && typeof v.version === "number" && typeof v.kind === "string" && typeof v.anchor === "object" && Array.isArray(v.tagIds) && typeof v.body === "object";
}

function isReply(v: Record<string, unknown>): v is Record<string, unknown> & ReplyDto {
  return typeof v.id === "string" && typeof v.annotationId === "string" && typeof v.version === "number" && typeof v.stance === "string";
}

/** The current annotation from a conflict's details, or null. */
export function currentAnnotationOf(details: unknown): AnnotationDto | null {
  const current = currentOf(details);
  return current && isAnnotation(current) ? current : null;
}

/** The current reply from a conflict's details, or null. */
export function currentReplyOf(details: unknown): ReplyDto | null {
  const current = currentOf(details);
  return current && isReply(current) ? current : null;
}
