/**
 * The bell in the top bar: the unread count (live), and a panel with the newest notifications,
 * "mark all read" and links to the inbox and the settings. The panel is a disclosure: Escape or a
 * click elsewhere closes it and focus goes back to the bell; a new notification is announced.
 */
import { useEffect, useRef, useState } from "react";
import { notificationHeadline } from "../../../../common/notification-headline.ts";
import { Link, useLocation } from "../../app/router.tsx";
import { notificationFeed, useNotificationFeed } from "./notification-feed.ts";
import { NotificationItem } from "./NotificationItem.tsx";
import "./notifications.css";

/** How many the panel lists; the inbox page has the rest. */
const IN_PANEL = 8;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

/** The words a screen reader hears for the newest arrival. */
function useArrivalAnnouncement(): string {
  const [said, setSaid] = useState("");
  useEffect(() => notificationFeed.onPush((n) => setSaid(`New notification: ${notificationHeadline(n)}`)), []);
  return said;
}

export function NotificationBell() {
  const inbox = useNotificationFeed();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [top, setTop] = useState(56);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const location = useLocation();
  const announcement = useArrivalAnnouncement();

  // Going somewhere (a notification opened, a link followed) closes the panel.
  useEffect(() => setOpen(false), [location]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  function toggle() {
    if (!open) {
      setTop((button.current?.getBoundingClientRect().bottom ?? 48) + 6);
      setError(null);
    }
    setOpen(!open);
  }

  const act = (work: Promise<void>) => work.then(() => setError(null), () => setError("That did not work; try again."));
  const label = inbox.unread > 0 ? `Notifications, ${inbox.unread} unread` : "Notifications";
  const shown = inbox.recent.slice(0, IN_PANEL);
  return (
    <div className="bell">
      <button ref={button} type="button" className="bell-button" aria-label={label} aria-expanded={open} aria-controls="bell-panel" onClick={toggle} data-unread={inbox.unread}>
        <BellIcon />
        {inbox.unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {inbox.unread > 99 ? "99+" : inbox.unread}
          </span>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
      <div ref={panel} id="bell-panel" className="bell-panel" role="region" aria-label="Recent notifications" hidden={!open} style={{ top }}>
        <div className="bell-panel-head">
          <h2>Notifications</h2>
          <button type="button" className="link-button" disabled={inbox.unread === 0} onClick={() => void act(notificationFeed.markAllRead())}>
            Mark all read
          </button>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        {!inbox.loaded ? (
          <p className="muted">Loading…</p>
        ) : shown.length === 0 ? (
          <p className="muted">Nothing yet. You will be told here when someone mentions you, replies in your threads, assigns you a claim or decides one of yours.</p>
        ) : (
          <ul className="inbox-list">
            {shown.map((n) => (
              <NotificationItem key={n.id} n={n} onRead={(id) => void act(notificationFeed.markRead([id]))} />
            ))}
          </ul>
        )}
        <p className="bell-panel-foot">
          <Link to="/notifications">All notifications</Link>
          <Link to="/settings/notifications">Settings</Link>
        </p>
      </div>
    </div>
  );
}
