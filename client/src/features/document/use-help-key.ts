/** "?" anywhere on the page (except while typing text) opens the keyboard shortcuts. */
import { useEffect, useState } from "react";
import { typingIn } from "./shortcuts.ts";

export function useHelpKey(): { open: boolean; setOpen(open: boolean): void } {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typingIn(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return { open, setOpen };
}
