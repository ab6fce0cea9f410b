/** The shell: header, skip link, routes, and focus moved to each new screen's heading. */
import { lazy, Suspense, useEffect } from "react";
import { matchRoute, navigate, useLocation, Link, type Route } from "./router.tsx";
import { useSession } from "./session.tsx";
import { SignInPage, RegisterPage } from "../features/auth/AuthPages.tsx";
import { AcceptInvitePage } from "../features/workspaces/AcceptInvitePage.tsx";
import { WorkspacesPage } from "../features/workspaces/WorkspacesPage.tsx";
import { WorkspacePage } from "../features/workspaces/WorkspacePage.tsx";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";

const loadDocumentPage = () => import("../features/document/DocumentPage.tsx");
// Opening a document link directly: fetch the screen's code while the session is checked.
if (window.location.pathname.startsWith("/d/")) void loadDocumentPage();
const DocumentPage = lazy(loadDocumentPage);
const ClaimsPage = lazy(() => import("../features/claims/ClaimsPage.tsx"));
const ReviewQueuePage = lazy(() => import("../features/review/ReviewQueuePage.tsx"));
const NotificationsPage = lazy(() => import("../features/notifications/NotificationsPage.tsx"));
const NotificationSettingsPage = lazy(() => import("../features/notifications/NotificationSettingsPage.tsx"));
const WebhooksPage = lazy(() => import("../features/webhooks/WebhooksPage.tsx"));
const StructurePage = lazy(() => import("../features/structure/StructurePage.tsx"));

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
      return (
        <Suspense fallback={<p className="loading">Loading the document…</p>}>
          <DocumentPage id={route.id} annotationId={route.annotationId} />
        </Suspense>
      );
    case "documentClaims":
    case "workspaceClaims":
      return (
        <Suspense fallback={<p className="loading">Loading the claims…</p>}>
          <ClaimsPage key={`${route.name}:${route.id}`} scope={route.name === "documentClaims" ? { kind: "document", id: route.id } : { kind: "workspace", id: route.id }} search={route.search} />
        </Suspense>
      );
    case "documentStructure":
      return (
        <Suspense fallback={<p className="loading">Loading the front matter…</p>}>
          <StructurePage key={route.id} id={route.id} />
        </Suspense>
      );
    case "reviewQueue":
      return (
        <Suspense fallback={<p className="loading">Loading your review queue…</p>}>
          <ReviewQueuePage search={route.search} />
        </Suspense>
      );
    case "notifications":
    case "notificationSettings":
    case "workspaceWebhooks":
      return (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          {route.name === "notifications" ? <NotificationsPage /> : route.name === "notificationSettings" ? <NotificationSettingsPage /> : <WebhooksPage id={route.id} />}
        </Suspense>
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
    const id = requestAnimationFrame(() => {
      const h1 = document.querySelector<HTMLElement>("main h1");
      if (h1 && !h1.contains(document.activeElement)) h1.focus({ preventScroll: true });
    });
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
            <NotificationBell />
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
