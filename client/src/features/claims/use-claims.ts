/**
 * One page of claims and the stats under the same filters, refetched when the view changes or
 * refresh() is called. The data on screen stays until the new answer arrives (no flicker on a
 * live refresh), and a late answer to an older request is dropped.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ClaimPageDto, ClaimStatsDto } from "../../../../common/review.ts";
import { api, ApiError } from "../../api/http.ts";
import { listQuery, statsQuery, type ClaimsView } from "./claims-query.ts";

export interface ClaimsScope {
  kind: "document" | "workspace";
  id: string;
}

export function claimsBase(scope: ClaimsScope): string {
  return `/${scope.kind === "document" ? "documents" : "workspaces"}/${encodeURIComponent(scope.id)}/claims`;
}

export interface ClaimsData {
  page: ClaimPageDto | null;
  stats: ClaimStatsDto | null;
  loading: boolean;
  error: string | null;
  refresh(): void;
}

export function useClaims(scope: ClaimsScope, view: ClaimsView): ClaimsData {
  const [page, setPage] = useState<ClaimPageDto | null>(null);
  const [stats, setStats] = useState<ClaimStatsDto | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const request = useRef(0);
  const base = claimsBase(scope);
  const list = listQuery(view);
  const statsQ = statsQuery(view);

  useEffect(() => {
    const mine = ++request.current;
    setLoading(true);
    Promise.all([api.get<ClaimPageDto>(`${base}${list}`), api.get<ClaimStatsDto>(`${base}/stats${statsQ}`)]).then(
      ([p, s]) => {
        if (mine !== request.current) return;
        setPage(p);
        setStats(s);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== request.current) return;
        setError(e instanceof ApiError ? e.message : "The claims could not be loaded");
        setLoading(false);
      },
    );
  }, [base, list, statsQ, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { page, stats, loading, error, refresh };
}
