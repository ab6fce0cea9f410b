/** The document screen's frame: header, role and load notes, article beside sidebar, notices. */
import type { ReactNode } from "react";
import type { Role } from "../../../../common/workspaces.ts";
import { DocumentHeader } from "./DocumentHeader.tsx";
import { Notices, type Notice } from "./Notices.tsx";

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

export function DocumentLayout(props: { notes: ReactNode; article: ReactNode; sidebar: ReactNode; notices: Notice[]; dismiss(id: number): void }) {
  return (
    <div className="doc-layout">
      <DocumentHeader />
      {props.notes}
      <div className="doc-main">
        <section className="article-pane" aria-label="Article">
          {props.article}
        </section>
        {props.sidebar}
      </div>
      <Notices notices={props.notices} dismiss={props.dismiss} />
    </div>
  );
}
