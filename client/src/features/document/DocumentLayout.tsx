/**
 * The document screen's frame: header, role and load notes, then the article (with its legend),
 * the overview bar and the sidebar side by side — on phones the sidebar is a bottom sheet under
 * the article, and the page itself never scrolls (the top bar stays), only its panes do.
 */
import { useEffect, type ReactNode } from "react";
import type { Role } from "../../../../common/workspaces.ts";
import { AuthorsHeader } from "../structure/AuthorsHeader.tsx";
import { DocumentHeader } from "./DocumentHeader.tsx";
import { HighlightLegend } from "./HighlightLegend.tsx";
import { Notices, type Notice } from "./Notices.tsx";
import type { SheetSize } from "./use-bottom-sheet.ts";
import "./document.css";

/** Why the annotations are missing, or why this person cannot annotate. */
export function DocumentNotes({ loadError, canAnnotate, role }: { loadError?: string; canAnnotate: boolean; role: Role }) {
  return (
    <>
      {loadError && (
        <p className="role-note" role="alert">
          The annotations could not be loaded: {loadError}
        </p>
      )}
      {!canAnnotate && (
        <p className="role-note">
          You are a <strong>{role}</strong> here: you can read everything and follow the discussion, but not annotate.
        </p>
      )}
    </>
  );
}

export function DocumentLayout(props: {
  notes: ReactNode;
  article: ReactNode;
  overview: ReactNode;
  sidebar: ReactNode;
  /** Tools over the article beside the legend (editing, history). */
  tools?: ReactNode;
  sheet: SheetSize;
  paneRef(el: HTMLElement | null): void;
  onShortcuts(): void;
  notices: Notice[];
  dismiss(id: number): void;
}) {
  // The page's own rules for the body and the top bar (document.css) apply while it is shown.
  useEffect(() => {
    document.body.classList.add("on-document-page");
    return () => document.body.classList.remove("on-document-page");
  }, []);
  return (
    <div className="doc-layout">
      <DocumentHeader onShortcuts={props.onShortcuts} />
      {props.notes}
      <div className="doc-main" data-sheet={props.sheet}>
        <section className="article-pane" aria-label="Article" ref={props.paneRef}>
          <div className="article-tools">
            <HighlightLegend />
            {props.tools}
          </div>
          <AuthorsHeader />
          {props.article}
        </section>
        {props.overview}
        {props.sidebar}
      </div>
      <Notices notices={props.notices} dismiss={props.dismiss} />
    </div>
  );
}
