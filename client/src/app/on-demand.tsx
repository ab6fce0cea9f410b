/**
 * Components whose code is fetched on demand (a screen, a workspace tab), shown the moment that
 * code has arrived.
 *
 * React.lazy under a Suspense boundary does the same with one difference that matters on the
 * way into a document: content revealed in place of a fallback is committed no sooner than
 * 300 ms after the fallback appeared (React batches reveals that way), so a screen whose code
 * arrived 130 ms after its "Loading…" line waited 170 ms more, idle, before it even began to
 * render. Here the arrival is an ordinary state update, rendered at once. Code already fetched
 * is rendered in the first pass, with no fallback at all.
 *
 * A chunk that cannot be fetched is reported in place (not thrown to the root, which would
 * take the whole page down), and the next mount tries again.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from "react";

export interface OnDemandOptions {
  /** Shown while the code is on its way. */
  fallback: ReactNode;
  /** Rendered beside the component once it is shown (e.g. what moves focus to a new screen). */
  beside?: ReactNode;
}

/** `load` fetches the code and answers the component. */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, { fallback, beside = null }: OnDemandOptions): ComponentType<P> {
  let arrived: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchCode = () =>
    (pending ??= load().then(
      (c) => (arrived = c),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    ));

  function OnDemand(props: P) {
    const [shown, setShown] = useState<ComponentType<P> | null>(() => arrived);
    const [failure, setFailure] = useState<string | null>(null);
    // Asked for in the first render, not after its commit: no time lost before the fetch starts.
    if (!shown && !failure) void fetchCode().catch(() => undefined);
    useEffect(() => {
      if (shown) return;
      let live = true;
      fetchCode().then(
        (c) => live && setShown(() => c),
        (e: unknown) => live && setFailure(e instanceof Error ? e.message : String(e)),
      );
      return () => {
        live = false;
      };
    }, [shown]);
    if (failure)
      return (
        <p role="alert" className="loading">
          This part of the page could not be loaded ({failure}). Reload the page to try again.
        </p>
      );
    if (!shown) return <>{fallback}</>;
    const Component = shown;
    return (
      <>
        <Component {...props} />
        {beside}
      </>
    );
  }
  OnDemand.displayName = "OnDemand";
  return OnDemand;
}
