/**
 * The words a notification is shown in, without zod: the bell in the top bar uses them without
 * loading the schemas in notifications.ts (which re-exports this).
 */
import { CLAIM_STATUS_LABELS } from "./claim-status.ts";
import type { NotificationDto } from "./notifications.ts";

/** One line saying what happened, e.g. "Ana Lee mentioned you in “Deterrence after 2022”". */
export function notificationHeadline(n: NotificationDto): string {
  if (!n.accessible) return "A notification from a workspace you are no longer a member of";
  const who = n.actor?.displayName ?? "Someone";
  const where = n.documentTitle ? ` in “${n.documentTitle}”` : "";
  switch (n.kind) {
    case "mention":
      return `${who} mentioned you${where}`;
    case "reply":
      return `${who} replied to a thread you are in${n.documentTitle ? `, in “${n.documentTitle}”` : ""}`;
    case "assignment":
      return `${who} assigned you a claim${where}`;
    case "verdict":
      return `${who} decided your claim: ${n.status ? CLAIM_STATUS_LABELS[n.status] : "a verdict"}${where}`;
    case "suggestion":
      return `${who} accepted your suggestion${where}`;
  }
}
