/** Query-string helpers shared by the API's list filters. */
import { z } from "zod";

/** A query value given once, repeated (?status=a&status=b) or comma-separated (?status=a,b). */
function splitList(v: unknown): unknown {
  if (typeof v !== "string" && !Array.isArray(v)) return v;
  return (Array.isArray(v) ? v : [v]).flatMap((s) => (typeof s === "string" ? s.split(",") : [s])).map((s) => (typeof s === "string" ? s.trim() : s)).filter((s) => s !== "");
}

/** A list-valued query parameter of `item`s (at most 50). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(splitList, z.array(item).max(50, "at most 50 values"));
}
