/**
 * On phones the sidebar is a bottom sheet under the article: lowered to its bar, half the
 * screen, or nearly all of it. Writing an annotation raises it to half (never more, so the
 * passage stays in sight above it); opening a thread raises a lowered sheet to half. The size
 * follows the mode in the same render, so a thread that takes focus is already visible.
 * On wide screens the size is ignored (the sidebar sits beside the article).
 */
import { useState } from "react";
import type { SidebarMode } from "../annotations/Sidebar.tsx";

export type SheetSize = "peek" | "half" | "full";

export interface BottomSheet {
  size: SheetSize;
  setSize(size: SheetSize): void;
}

export function useBottomSheet(mode: SidebarMode): BottomSheet {
  const [size, setSize] = useState<SheetSize>("peek");
  const step = mode.view === "thread" ? `thread:${mode.id}` : mode.view;
  const [seen, setSeen] = useState(step);
  if (step !== seen) {
    setSeen(step);
    if (mode.view === "compose" && size !== "half") setSize("half");
    else if (mode.view === "thread" && size === "peek") setSize("half");
  }
  return { size, setSize };
}
