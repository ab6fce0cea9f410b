/**
 * Pages of a newest-first list (activity or audit): the first page for the current filters,
 * "older" appending the next, and `refresh` merging a fresh first page on top (live updates)
 * without losing the older pages already shown. Answers to superseded requests are dropped.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "../../api/http.ts";
import { mergeFirstPage, type PageOf } from "./activity-query.ts";

export type PagesState<E> =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; page: PageOf<E>; older: "idle" | "loading" | { error: string }; refreshing: boolean };

const messageOf = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** `pathFor(before)` is the API path of a page; a change of `pathFor(null)` means new filters. */
export function useActivityPages<E extends { id: string }>(pathFor: (before: string | null) => string, limit: number) {
  const first = pathFor(null);
  const [state, setState] = useState<PagesState<E>>({ status: "loading" });
  const generation = useRef(0);
  const pathRef = useRef(pathFor);
  pathRef.current = pathFor;

  useEffect(() => {
    const gen = ++generation.current;
    setState((s) => (s.status === "ready" ? { ...s, refreshing: true } : { status: "loading" }));
    api.get<PageOf<E>>(first).then(
      (page) => gen === generation.current && setState({ status: "ready", page, older: "idle", refreshing: false }),
      (err: unknown) => gen === generation.current && setState({ status: "error", message: messageOf(err, "Could not load the list") }),
    );
  }, [first]);

  const refresh = useCallback(() => {
    const gen = generation.current;
    api.get<PageOf<E>>(pathRef.current(null)).then(
      (fresh) => gen === generation.current && setState((s) => (s.status === "ready" ? { ...s, page: mergeFirstPage(s.page, fresh, limit) } : { status: "ready", page: fresh, older: "idle", refreshing: false })),
      // A failed live refresh leaves the list as it is; the next event or a reload tries again.
      () => undefined,
    );
  }, [limit]);

  const stateRef = useRef(state);
  stateRef.current = state;
  const loadOlder = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== "ready" || !s.page.nextBefore || s.older === "loading") return;
    const gen = generation.current;
    setState({ ...s, older: "loading" });
    api.get<PageOf<E>>(pathRef.current(s.page.nextBefore)).then(
      (next) =>
        gen === generation.current &&
        setState((cur) => {
          if (cur.status !== "ready") return cur;
          const seen = new Set(cur.page.entries.map((e) => e.id));
          return { ...cur, older: "idle", page: { entries: [...cur.page.entries, ...next.entries.filter((e) => !seen.has(e.id))], nextBefore: next.nextBefore } };
        }),
      (err: unknown) => gen === generation.current && setState((cur) => (cur.status === "ready" ? { ...cur, older: { error: messageOf(err, "Could not load older entries") } } : cur)),
    );
  }, []);

  return { state, refresh, loadOlder };
}
