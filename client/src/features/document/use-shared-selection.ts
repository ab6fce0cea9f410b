/** Shares the reader's text selection with the others in the document (presence). */
import { useEffect, useState } from "react";
import { rangeToSelection, type BlockIndex, type PosRange } from "../../editor/anchors.ts";
import type { DocumentSession } from "../../realtime/document-session.ts";

/** Returns the setter for ArticleEditor's onSelection. */
export function useSharedSelection(session: DocumentSession | null, index: BlockIndex | null): (range: PosRange | null) => void {
  const [selection, setSelection] = useState<PosRange | null>(null);
  useEffect(() => {
    session?.setSelection(selection && index ? rangeToSelection(index, selection.from, selection.to) : null);
  }, [selection, index, session]);
  return setSelection;
}
