/**
 * The document's activity, newest first, a page at a time: reloaded when the filters change,
 * older pages on demand, and kept live — a document event refreshes the first page (once per
 * burst) and puts what is new on top, whatever older pages are already shown.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActivityEntryDto, ActivityPageDto } from "../../../../common/activity.ts";
import { api, ApiError } from "../../api/http.ts";
import { activityPath, mergeNewest, type ActivityFilters } from "./activity.ts";
import type { DocumentEventListener } from "./document-events.ts";

/** Events come in bursts (a bulk change, a replay after reconnecting): wait for the end of one. */
const REFRESH_DELAY_MS = 300;

export interface DocumentActivity {
  entries: ActivityEntryDto[];
  status: "loading" | "ready" | "error";
  error?: string;
  /** True when older entries exist. */
  more: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
}

export function useDocumentActivity(documentId: string, filters: ActivityFilters, subscribe: (l: DocumentEventListener) => () => void): DocumentActivity {
  const [entries, setEntries] = useState<ActivityEntryDto[]>([]);
  const [status, setStatus] = useState<DocumentActivity["status"]>("loading");
  const [error, setError] = useState<string>();
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  // Answers to requests made under older filters are dropped.
  const generation = useRef(0);
  const { actor, kind } = filters;

  useEffect(() => {
    const gen = ++generation.current;
    setStatus("loading");
    setEntries([]);
    api.get<ActivityPageDto>(activityPath(documentId, { actor, kind })).then(
      (page) => {
        if (gen !== generation.current) return;
        setEntries(page.entries);
        setNextBefore(page.nextBefore);
        setStatus("ready");
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e instanceof ApiError ? e.message : "The activity could not be loaded");
        setStatus("error");
      },
    );
  }, [documentId, actor, kind]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      const gen = generation.current;
      api.get<ActivityPageDto>(activityPath(documentId, { actor, kind })).then(
        (page) => gen === generation.current && setEntries((shown) => mergeNewest(shown, page.entries)),
        () => undefined, // a missed refresh is made up by the next event
      );
    };
    const unsubscribe = subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [documentId, actor, kind, subscribe]);

  const loadOlder = useCallback(() => {
    if (!nextBefore || loadingOlder) return;
    const gen = generation.current;
    setLoadingOlder(true);
    api.get<ActivityPageDto>(activityPath(documentId, { actor, kind }, nextBefore)).then(
      (page) => {
        setLoadingOlder(false);
        if (gen !== generation.current) return;
        setEntries((shown) => [...shown, ...page.entries.filter((e) => !shown.some((s) => s.id === e.id))]);
        setNextBefore(page.nextBefore);
      },
      (e: unknown) => {
        setLoadingOlder(false);
        if (gen === generation.current) setError(e instanceof ApiError ? e.message : "Older activity could not be loaded");
      },
    );
  }, [documentId, actor, kind, nextBefore, loadingOlder]);

  return { entries, status, error, more: nextBefore !== null, loadingOlder, loadOlder };
}
