/**
 * "Needs re-attaching": annotations whose words left the text (not dismissed), each with its
 * quote; select new words in the article and re-attach it there, or dismiss it from the list.
 */
import { useMemo } from "react";
import { useDocument } from "../document/document-context.ts";
import type { AnnotationView } from "../document/pending.ts";
import { KIND_LABELS } from "../annotations/labels.ts";

export function orphansOf(annotations: AnnotationView[]): AnnotationView[] {
  return annotations.filter((a) => a.anchor.state === "orphaned" && !a.anchor.dismissed && !a.pending);
}

export function OrphanList({ annotations }: { annotations: AnnotationView[] }) {
  const { me, canAnnotate, canModerate, mutate, selectionAnchor, notify, openThread } = useDocument();
  // The screen re-renders often while a document opens; the list of thousands is looked through once per change.
  const orphans = useMemo(() => orphansOf(annotations), [annotations]);
  if (orphans.length === 0) return null;
  return (
    <section className="orphan-list" aria-labelledby="orphan-heading">
      <h2 id="orphan-heading">Needs re-attaching ({orphans.length})</h2>
      <p className="hint">Their words are gone from the text. Select the words they belong to now, then Re-attach here.</p>
      <ul>
        {orphans.map((a) => {
          const may = canAnnotate && (a.author.id === me.id || canModerate);
          return (
            <li key={a.id} id={`orphan-${a.id}`} data-annotation-id={a.id} tabIndex={-1}>
              <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span> by {a.author.displayName}
              <blockquote className="orphan-quote">{a.anchor.quote}</blockquote>
              <div className="thread-actions">
                <button type="button" onClick={() => openThread(a.id)}>
                  Open
                </button>
                {may && (
                  <button
                    type="button"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => {
                      const anchor = selectionAnchor();
                      if (!anchor) return notify("Select the words in the article first, then Re-attach here.");
                      mutate("annotation:reattach", { annotationId: a.id, version: a.version, anchor });
                    }}
                  >
                    Re-attach here
                  </button>
                )}
                {may && (
                  <button type="button" onClick={() => mutate("annotation:dismiss", { annotationId: a.id, version: a.version })}>
                    Dismiss
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
