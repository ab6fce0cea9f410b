/**
 * One notification: what happened (a link to the thread at its passage), the passage and the
 * words that mention or answer, when, and a way to mark it read. Opening it marks it read too.
 */
import { notificationHeadline } from "../../../../common/notification-headline.ts";
import type { NotificationDto } from "../../../../common/notifications.ts";
import { Link } from "../../app/router.tsx";
import { EntryTime } from "../activity/EntryTime.tsx";

export function NotificationItem({ n, onRead, onOpen }: { n: NotificationDto; onRead(id: string): void; onOpen?: () => void }) {
  const headline = notificationHeadline(n);
  const unread = n.readAt === null;
  return (
    <li className={`inbox-item${unread ? " is-unread" : ""}${n.accessible ? "" : " is-gone"}`} data-kind={n.kind}>
      <span className="inbox-dot" aria-hidden="true" />
      <div className="inbox-body">
        <p className="inbox-headline">
          {unread && <span className="visually-hidden">Unread: </span>}
          {n.link ? (
            <Link
              to={n.link}
              onClick={() => {
                if (unread) onRead(n.id);
                onOpen?.();
              }}
            >
              {headline}
            </Link>
          ) : (
            headline
          )}
        </p>
        {n.quote && (
          <p className="inbox-quote">
            On <q>{n.quote}</q>
          </p>
        )}
        {n.excerpt && <p className="inbox-excerpt">{n.excerpt}</p>}
        <p className="inbox-meta">
          <EntryTime at={n.createdAt} />
          {!n.link && n.accessible && <span> · the document is gone</span>}
        </p>
      </div>
      {unread && (
        <button type="button" className="link-button inbox-read" onClick={() => onRead(n.id)} aria-label={`Mark read: ${headline}`}>
          Mark read
        </button>
      )}
    </li>
  );
}
