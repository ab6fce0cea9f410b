/**
 * The inbox (/notifications): every notification, newest first, all or unread only, older pages
 * on request; new ones appear on top as they arrive; mark one or all read.
 */
import { useCallback, useEffect, useState } from "react";
import type { NotificationDto } from "../../../../common/notifications.ts";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../api/http.ts";
import { notificationFeed, useNotificationFeed } from "./notification-feed.ts";
import { notificationsApi } from "./notifications-api.ts";
import { NotificationItem } from "./NotificationItem.tsx";
import { markedRead } from "./inbox-state.ts";
import "./notifications.css";

const PAGE = 30;

type Listing = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: NotificationDto[]; nextBefore: string | null };

export default function NotificationsPage() {
  const inbox = useNotificationFeed();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [listing, setListing] = useState<Listing>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback((before: string | null) => {
    notificationsApi.page({ unreadOnly, before, limit: PAGE }).then(
      (page) =>
        setListing((prev) => ({
          status: "ready",
          items: before && prev.status === "ready" ? [...prev.items, ...page.notifications] : page.notifications,
          nextBefore: page.nextBefore,
        })),
      (e: unknown) => setListing({ status: "error", message: e instanceof ApiError ? e.message : "The notifications could not be read." }),
    );
  }, [unreadOnly]);

  useEffect(() => {
    setListing({ status: "loading" });
    load(null);
  }, [load]);

  // Arrivals go on top; read marks (from here, the bell or another tab) show at once.
  useEffect(
    () =>
      notificationFeed.onPush((n) =>
        setListing((prev) => (prev.status === "ready" && !prev.items.some((x) => x.id === n.id) ? { ...prev, items: [n, ...prev.items] } : prev)),
      ),
    [],
  );
  useEffect(
    () =>
      notificationFeed.onRead((ids) => setListing((prev) => (prev.status === "ready" ? { ...prev, items: markedRead(prev.items, ids, new Date().toISOString()) } : prev))),
    [],
  );

  async function act(work: Promise<void>) {
    setBusy(true);
    try {
      await work;
      setError(null);
    } catch {
      setError("That did not work; try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow notifications-page">
      <h1 tabIndex={-1}>Notifications</h1>
      <div className="inbox-toolbar">
        <fieldset className="inbox-filter">
          <legend className="visually-hidden">Show</legend>
          <label>
            <input type="radio" name="inbox-filter" checked={!unreadOnly} onChange={() => setUnreadOnly(false)} /> All
          </label>
          <label>
            <input type="radio" name="inbox-filter" checked={unreadOnly} onChange={() => setUnreadOnly(true)} /> Unread only
          </label>
        </fieldset>
        <button type="button" disabled={busy || inbox.unread === 0} onClick={() => void act(notificationFeed.markAllRead())}>
          Mark all read
        </button>
        <Link to="/settings/notifications">Notification settings</Link>
      </div>
      <p role="status" className="muted">
        {inbox.loaded ? (inbox.unread === 0 ? "No unread notifications." : `${inbox.unread} unread.`) : ""}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {listing.status === "loading" && <p className="loading">Loading…</p>}
      {listing.status === "error" && <p role="alert">{listing.message}</p>}
      {listing.status === "ready" &&
        (listing.items.length === 0 ? (
          <p className="muted">{unreadOnly ? "Nothing unread." : "No notifications yet."}</p>
        ) : (
          <ul className="inbox-list inbox-list-page">
            {listing.items.map((n) => (
              <NotificationItem key={n.id} n={n} onRead={(id) => void act(notificationFeed.markRead([id]))} />
            ))}
          </ul>
        ))}
      {listing.status === "ready" && listing.nextBefore && (
        <button type="button" onClick={() => load(listing.nextBefore)}>
          Show older
        </button>
      )}
    </section>
  );
}
