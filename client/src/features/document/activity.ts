/**
 * The document activity panel's pure parts: the kinds one can filter by (each a prefix the API
 * matches: "annotation" is every annotation.* event), the request for a page, merging a fresh
 * first page into what is shown, and "5 minutes ago".
 */
import type { ActivityEntryDto } from "../../../../common/activity.ts";

export const ACTIVITY_KINDS = [
  { value: "", label: "Everything", types: [] },
  { value: "annotation", label: "Annotations added, edited, deleted", types: ["annotation"] },
  { value: "reply", label: "Replies", types: ["reply"] },
  { value: "claim", label: "Claim reviews and assignments", types: ["claim"] },
  { value: "tags", label: "Tag merges", types: ["tags"] },
  { value: "document", label: "Imports and exports", types: ["document", "annotations"] },
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number]["value"];

export interface ActivityFilters {
  actor: string;
  kind: ActivityKind;
}

export const ACTIVITY_PAGE = 30;

/** The API path (under /api) for one page of the document's activity. */
export function activityPath(documentId: string, f: ActivityFilters, before?: string | null, limit = ACTIVITY_PAGE): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before) q.set("before", before);
  if (f.actor) q.set("actor", f.actor);
  const types = ACTIVITY_KINDS.find((k) => k.value === f.kind)?.types ?? [];
  if (types.length) q.set("type", types.join(","));
  return `/documents/${encodeURIComponent(documentId)}/activity?${q.toString()}`;
}

/**
 * A fresh first page on top of what is shown: entries not seen yet go first (newest first),
 * the older pages already loaded stay below.
 */
export function mergeNewest(shown: ActivityEntryDto[], fresh: ActivityEntryDto[]): ActivityEntryDto[] {
  const seen = new Set(shown.map((e) => e.id));
  const added = fresh.filter((e) => !seen.has(e.id));
  return added.length ? [...added, ...shown] : shown;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday"… */
export function relativeTime(iso: string, now: number, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size * 0.9 || unit === "minute") return rtf.format(Math.round(seconds / size), unit);
  return "just now";
}
