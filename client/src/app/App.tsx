/**
 * The shell: header, skip link, routes, and focus moved to each new screen's heading.
 * Only the sign-in and register screens are in the first script; every other screen (and the
 * notification bell) is its own chunk, fetched when it is first shown, so the editor, the
 * dashboards and the socket client load only where they are used (docs/client.md).
 */
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { matchRoute, navigate, useLocation, Link, type Route } from "./router.tsx";
import { useSession } from "./session.tsx";
import { SignInPage, RegisterPage } from "../features/auth/AuthPages.tsx";
import { prefetchDocument } from "../features/document/prefetch.ts";
import { loadDocumentScreen } from "../features/document/screen-loader.ts";

const loadWorkspacesPage = () => import("../features/workspaces/WorkspacesPage.tsx");
const loadWorkspacePage = () => import("../features/workspaces/WorkspacePage.tsx");
const DocumentPage = lazy(loadDocumentScreen);
const WorkspacesPage = lazy(() => loadWorkspacesPage().then((m) => ({ default: m.WorkspacesPage })));
const WorkspacePage = lazy(() => loadWorkspacePage().then((m) => ({ default: m.WorkspacePage })));
const AcceptInvitePage = lazy(() => import("../features/workspaces/AcceptInvitePage.tsx").then((m) => ({ default: m.AcceptInvitePage })));
const NotificationBell = lazy(() => import("../features/notifications/NotificationBell.tsx").then((m) => ({ default: m.NotificationBell })));
const ClaimsPage = lazy(() => import("../features/claims/ClaimsPage.tsx"));
const ReviewQueuePage = lazy(() => import("../features/review/ReviewQueuePage.tsx"));
const NotificationsPage = lazy(() => import("../features/notifications/NotificationsPage.tsx"));
const NotificationSettingsPage = lazy(() => import("../features/notifications/NotificationSettingsPage.tsx"));
const WebhooksPage = lazy(() => import("../features/webhooks/WebhooksPage.tsx"));
const StructurePage = lazy(() => import("../features/structure/StructurePage.tsx"));

// Opening a link directly: fetch the screen's code (and a document's data) while the session is checked.
{
  const first = matchRoute(window.location.pathname + window.location.search);
  if (first.name === "document") {
    void loadDocumentScreen();
    prefetchDocument(first.id);
  } else if (first.name === "workspaces") void loadWorkspacesPage();
  else if (first.name === "workspace") void loadWorkspacePage();
}

/** Moves focus to the screen's heading, unless it is there already or something else has it. */
function focusHeading(onlyIfNothingFocused: boolean): void {
  const h1 = document.querySelector<HTMLElement>("main h1");
  if (!h1 || h1.contains(document.activeElement)) return;
  if (onlyIfNothingFocused && document.activeElement && document.activeElement !== document.body) return;
  h1.focus({ preventScroll: true });
}

/** Rendered beside a screen whose code was fetched on demand: it mounts when that code has arrived. */
function Shown() {
  useEffect(() => {
    const id = requestAnimationFrame(() => focusHeading(true));
    return () => cancelAnimationFrame(id);
  }, []);
  return null;
}

/** A screen loaded on demand, with what shows while its code arrives. */
function Lazy({ fallback, children }: { fallback: string; children: ReactNode }) {
  return (
    <Suspense fallback={<p className="loading">{fallback}</p>}>
      {children}
      <Shown />
    </Suspense>
  );
}

const PUBLIC_ROUTES = new Set<Route["name"]>(["signin", "register"]);

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "signin":
      return <SignInPage next={route.next} />;
    case "register":
      return <RegisterPage next={route.next} />;
    case "invite":
      return (
        <Lazy fallback="Loading…">
          <AcceptInvitePage token={route.token} />
        </Lazy>
      );
    case "workspaces":
      return (
        <Lazy fallback="Loading…">
          <WorkspacesPage />
        </Lazy>
      );
    case "workspace":
      return (
        <Lazy fallback="Loading…">
          <WorkspacePage key={route.id} id={route.id} tab={route.tab} search={route.search} />
        </Lazy>
      );
    case "document":
      return (
        <Lazy fallback="Loading the document…">
          <DocumentPage id={route.id} annotationId={route.annotationId} />
        </Lazy>
      );
    case "documentClaims":
    case "workspaceClaims":
      return (
        <Lazy fallback="Loading the claims…">
          <ClaimsPage key={`${route.name}:${route.id}`} scope={route.name === "documentClaims" ? { kind: "document", id: route.id } : { kind: "workspace", id: route.id }} search={route.search} />
        </Lazy>
      );
    case "documentStructure":
      return (
        <Lazy fallback="Loading the front matter…">
          <StructurePage key={route.id} id={route.id} />
        </Lazy>
      );
    case "reviewQueue":
      return (
        <Lazy fallback="Loading your review queue…">
          <ReviewQueuePage search={route.search} />
        </Lazy>
      );
    case "notifications":
    case "notificationSettings":
    case "workspaceWebhooks":
      return (
        <Lazy fallback="Loading…">
          {route.name === "notifications" ? <NotificationsPage /> : route.name === "notificationSettings" ? <NotificationSettingsPage /> : <WebhooksPage id={route.id} />}
        </Lazy>
      );
    default:
      return (
        <section className="page narrow">
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            <Link to="/">Back to your workspaces</Link>
          </p>
        </section>
      );
  }
}

export function App() {
  const location = useLocation();
  const { state, signOut } = useSession();
  const route = matchRoute(location);
  const isPublic = PUBLIC_ROUTES.has(route.name);

  // Signed out on a private screen: to sign-in, coming back here after.
  useEffect(() => {
    if (state.status === "signedOut" && !isPublic) navigate(`/signin?next=${encodeURIComponent(location)}`, { replace: true });
    if (state.status === "signedIn" && isPublic && "next" in route) navigate(route.next, { replace: true });
  }, [state.status, isPublic, location, route]);

  // A new screen: move focus to its heading so keyboard and screen-reader users start there.
  // Only a new path is a new screen: a changed query (filters, sorting, paging) keeps focus put.
  const path = location.split("?")[0];
  useEffect(() => {
    const id = requestAnimationFrame(() => focusHeading(false));
    return () => cancelAnimationFrame(id);
  }, [path, state.status]);

  const ready = state.status === "signedIn" || (state.status === "signedOut" && isPublic);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Scholia
        </Link>
        {state.status === "signedIn" && (
          <div className="app-user">
            <nav aria-label="Your work">
              <Link to="/queue" className="top-link" aria-current={path === "/queue" ? "page" : undefined}>
                My review queue
              </Link>
            </nav>
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <span className="app-user-name" title={state.user.displayName}>
              {state.user.displayName}
            </span>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main">{ready ? <Screen route={route} /> : <p className="loading">Loading…</p>}</main>
    </>
  );
}
