/** Loads data for a screen: { data } once loaded, { error } on failure, reload() to refresh. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../api/http.ts";

export type Loaded<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; error: ApiError };

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let cancelled = false;
    loadRef.current().then(
      (data) => !cancelled && setState({ status: "ready", data }),
      (error: ApiError) => !cancelled && setState({ status: "error", error }),
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
