/**
 * The shell: header, skip link, routes, and focus moved to each new screen's heading.
 * Only the sign-in and register screens are in the first script; every other screen (and the
 * notification bell) is its own chunk, fetched when it is first shown, so the editor, the
 * dashboards and the socket client load only where they are used (docs/client.md).
 */
import { lazy, Suspense, useEffect, type ComponentType } from "react";
import { matchRoute, navigate, useLocation, Link, type Route } from "./router.tsx";
import { useSession } from "./session.tsx";
import { SignInPage, RegisterPage } from "../features/auth/AuthPages.tsx";
import { prefetchDocument } from "../features/document/prefetch.ts";
import { loadDocumentScreen } from "../features/document/screen-loader.ts";
import { onDemand } from "./on-demand.tsx";

const loadWorkspacesPage = () => import("../features/workspaces/WorkspacesPage.tsx");
const loadWorkspacePage = () => import("../features/workspaces/WorkspacePage.tsx");
/** A screen fetched on demand: its loading line meanwhile, focus to its heading once shown. */
const screen = <P extends object>(load: () => Promise<ComponentType<P>>, loading = "Loading…") =>
  onDemand(load, { fallback: <p className="loading">{loading}</p>, beside: <Shown /> });

const DocumentPage = screen(() => loadDocumentScreen().then((m) => m.default), "Loading the document…");
const WorkspacesPage = screen(() => loadWorkspacesPage().then((m) => m.WorkspacesPage));
const WorkspacePage = screen(() => loadWorkspacePage().then((m) => m.WorkspacePage));
const AcceptInvitePage = screen(() => import("../features/workspaces/AcceptInvitePage.tsx").then((m) => m.AcceptInvitePage));
const ClaimsPage = screen(() => import("../features/claims/ClaimsPage.tsx").then((m) => m.default), "Loading the claims…");
const ReviewQueuePage = screen(() => import("../features/review/ReviewQueuePage.tsx").then((m) => m.default), "Loading your review queue…");
const NotificationsPage = screen(() => import("../features/notifications/NotificationsPage.tsx").then((m) => m.default));
const NotificationSettingsPage = screen(() => import("../features/notifications/NotificationSettingsPage.tsx").then((m) => m.default));
const WebhooksPage = screen(() => import("../features/webhooks/WebhooksPage.tsx").then((m) => m.default));
const StructurePage = screen(() => import("../features/structure/StructurePage.tsx").then((m) => m.default), "Loading the front matter…");
// Not a screen, and not in the way of one: Suspense's delayed reveal does no harm here.
const NotificationBell = lazy(() => import("../features/notifications/NotificationBell.tsx").then((m) => ({ default: m.NotificationBell })));

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

const PUBLIC_ROUTES = new Set<Route["name"]>(["signin", "register"]);

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "signin":
      return <SignInPage next={route.next} />;
    case "register":
      return <RegisterPage next={route.next} />;
    case "invite":
      return <AcceptInvitePage token={route.token} />;
    case "workspaces":
      return <WorkspacesPage />;
    case "workspace":
      return <WorkspacePage key={route.id} id={route.id} tab={route.tab} search={route.search} />;
    case "document":
      return <DocumentPage id={route.id} annotationId={route.annotationId} />;
    case "documentClaims":
    case "workspaceClaims":
      return <ClaimsPage key={`${route.name}:${route.id}`} scope={route.name === "documentClaims" ? { kind: "document", id: route.id } : { kind: "workspace", id: route.id }} search={route.search} />;
    case "documentStructure":
      return <StructurePage key={route.id} id={route.id} />;
    case "reviewQueue":
      return <ReviewQueuePage search={route.search} />;
    case "notifications":
    case "notificationSettings":
    case "workspaceWebhooks":
      return route.name === "notifications" ? <NotificationsPage /> : route.name === "notificationSettings" ? <NotificationSettingsPage /> : <WebhooksPage id={route.id} />;
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
