/** Always-visible connection state: live, reconnecting, or offline with N changes waiting. */
import { useSessionSnapshot } from "../document/use-session-snapshot.ts";

function waitingText(n: number) {
  return n === 1 ? "1 change waiting" : `${n} changes waiting`;
}

export function ConnectionBadge() {
  const { state, waiting } = useSessionSnapshot();
  let label: string;
  switch (state) {
    case "live":
      label = waiting > 0 ? `Live · sending ${waitingText(waiting)}` : "Live";
      break;
    case "connecting":
      label = waiting > 0 ? `Connecting · ${waitingText(waiting)}` : "Connecting…";
      break;
    case "reconnecting":
      label = waiting > 0 ? `Reconnecting · ${waitingText(waiting)}` : "Reconnecting…";
      break;
    case "offline":
      label = waiting > 0 ? `Offline · ${waitingText(waiting)}` : "Offline";
      break;
    default:
      label = "No access: this document's updates have stopped";
  }
  return (
    <p className={`connection connection-${state}`} role="status" aria-live="polite" data-state={state} data-waiting={waiting}>
      <span className="connection-dot" aria-hidden="true" />
      {label}
    </p>
  );
}
