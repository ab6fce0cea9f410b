/** Short messages for the person (refused changes and the like), announced politely. */
import { useCallback, useState } from "react";

export interface Notice {
  id: number;
  message: string;
}

let nextId = 1;

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (message: string) => {
      const id = nextId++;
      setNotices((n) => [...n.slice(-3), { id, message }]);
      setTimeout(() => dismiss(id), 8000);
    },
    [dismiss],
  );
  return { notices, notify, dismiss };
}

export function Notices({ notices, dismiss }: { notices: Notice[]; dismiss(id: number): void }) {
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <p key={n.id} className="notice">
          {n.message}{" "}
          <button type="button" className="link-button" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
