/** Who else is in the document: one coloured avatar per person (several tabs count once). */
import { useMemo } from "react";
import { useDocument } from "../document/document-context.ts";
import { useSessionSnapshot } from "../document/use-session-snapshot.ts";

const MAX_SHOWN = 6;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

export function PresenceBar() {
  const { me } = useDocument();
  const { presence } = useSessionSnapshot();
  const people = useMemo(() => {
    const byUser = new Map<string, { userId: string; displayName: string; color: string }>();
    for (const m of presence) if (m.userId !== me.id && !byUser.has(m.userId)) byUser.set(m.userId, m);
    return [...byUser.values()];
  }, [presence, me.id]);
  const shown = people.slice(0, MAX_SHOWN);
  const label = people.length === 0 ? "Only you are here" : `Also here: ${people.map((p) => p.displayName).join(", ")}`;
  return (
    <div className="presence" role="group" aria-label={label}>
      {shown.map((p) => (
        <span key={p.userId} className="avatar" style={{ backgroundColor: p.color }} title={p.displayName} aria-hidden="true">
          {initials(p.displayName)}
        </span>
      ))}
      {people.length > MAX_SHOWN && (
        <span className="avatar avatar-more" aria-hidden="true">
          +{people.length - MAX_SHOWN}
        </span>
      )}
      {people.length === 0 && <span className="muted presence-alone">Only you</span>}
    </div>
  );
}
