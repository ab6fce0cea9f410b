/** When something happened: "5 minutes ago", with the exact time on hover and for machines. */
import { useEffect, useState } from "react";
import { timeAgo } from "./activity-query.ts";

/** The current time, re-read once a minute so "5 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** `exact` also writes the date and time out (the audit log is read for what happened when). */
export function EntryTime({ at, exact = false }: { at: string; exact?: boolean }) {
  const now = useNow();
  const full = new Date(at).toLocaleString();
  const ago = timeAgo(at, Math.max(now, Date.parse(at)));
  return (
    <time dateTime={at} title={full}>
      {exact ? `${full} (${ago})` : ago}
    </time>
  );
}
