/** A small History-API router: a handful of routes need no library. */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const CHANGE = "scholia:navigate";

function subscribe(fn: () => void): () => void {
  window.addEventListener("popstate", fn);
  window.addEventListener(CHANGE, fn);
  return () => {
    window.removeEventListener("popstate", fn);
    window.removeEventListener(CHANGE, fn);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (opts.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
}

/** The pages of a workspace: /w/:id, /w/:id/members, /w/:id/search, /w/:id/audit. */
export type WorkspaceTab = "overview" | "members" | "search" | "audit";
const WORKSPACE_TABS: readonly WorkspaceTab[] = ["members", "search", "audit"];

export type Route =
  | { name: "signin"; next: string }
  | { name: "register"; next: string }
  | { name: "invite"; token: string }
  | { name: "workspaces" }
  | { name: "workspace"; id: string; tab: WorkspaceTab; search: string }
  | { name: "document"; id: string; annotationId?: string }
  | { name: "documentClaims"; id: string; search: string }
  | { name: "documentStructure"; id: string }
  | { name: "workspaceClaims"; id: string; search: string }
  | { name: "reviewQueue"; search: string }
  | { name: "notifications" }
  | { name: "notificationSettings" }
  | { name: "workspaceWebhooks"; id: string }
  | { name: "notFound" };

/** Which screen a location shows. */
export function matchRoute(location: string): Route {
  const url = new URL(location, "http://x");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const next = url.searchParams.get("next") ?? "/";
  const safeNext = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  if (parts.length === 0) return { name: "workspaces" };
  const [head, arg] = parts;
  if (parts.length === 1 && head === "signin") return { name: "signin", next: safeNext };
  if (parts.length === 1 && head === "register") return { name: "register", next: safeNext };
  if (parts.length === 2 && head === "invite" && arg) return { name: "invite", token: arg };
  if (parts.length === 2 && head === "w" && arg) return { name: "workspace", id: arg, tab: "overview", search: url.search };
  const tab = WORKSPACE_TABS.find((t) => t === parts[2]);
  if (parts.length === 3 && head === "w" && arg && tab) return { name: "workspace", id: arg, tab, search: url.search };
  if (parts.length === 2 && head === "d" && arg) {
    const a = url.searchParams.get("a");
    return a ? { name: "document", id: arg, annotationId: a } : { name: "document", id: arg };
  }
  if (parts.length === 3 && head === "d" && arg && parts[2] === "claims") return { name: "documentClaims", id: arg, search: url.search };
  if (parts.length === 3 && head === "d" && arg && parts[2] === "structure") return { name: "documentStructure", id: arg };
  if (parts.length === 3 && head === "w" && arg && parts[2] === "claims") return { name: "workspaceClaims", id: arg, search: url.search };
  if (parts.length === 1 && head === "queue") return { name: "reviewQueue", search: url.search };
  if (parts.length === 1 && head === "notifications") return { name: "notifications" };
  if (parts.length === 2 && head === "settings" && arg === "notifications") return { name: "notificationSettings" };
  if (parts.length === 3 && head === "w" && arg && parts[2] === "webhooks") return { name: "workspaceWebhooks", id: arg };
  return { name: "notFound" };
}

/** An in-app link: a real <a href> (so it opens in a new tab too), navigating without a reload. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
