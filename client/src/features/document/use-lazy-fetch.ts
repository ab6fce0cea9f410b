/**
 * GETs a URL only while something asks for it (a disclosure that is open), again whenever
 * `refreshKey` changes (the entity's version), keeping the last answer on screen meanwhile.
 */
import { useEffect, useState } from "react";
import { api, ApiError } from "../../api/http.ts";

export type LazyFetch<T> = { status: "idle" } | { status: "loading" } | { status: "ready"; data: T } | { status: "error"; message: string };

/** `path` is relative to /api; null means "not wanted now". */
export function useLazyFetch<T>(path: string | null, refreshKey: unknown, failure: string): LazyFetch<T> {
  const [state, setState] = useState<LazyFetch<T>>({ status: "idle" });
  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    api.get<T>(path).then(
      (data) => !cancelled && setState({ status: "ready", data }),
      (e: unknown) => !cancelled && setState({ status: "error", message: e instanceof ApiError ? e.message : failure }),
    );
    return () => {
      cancelled = true;
    };
  }, [path, refreshKey, failure]);
  return state;
}
