/**
 * The document screen: article (TipTap) beside the annotation sidebar, with the header's
 * presence, connection state and export menu. Reads as its steps: open the document live,
 * reach the article, track what the sidebar shows, draw the layers, share it all by context.
 */
import { useMemo, useState } from "react";
import { useMe } from "../../app/session.tsx";
import { ArticleEditor } from "../../editor/ArticleEditor.tsx";
import { NO_FILTERS, type AnnotationFilters } from "../annotations/ordering.ts";
import { Sidebar } from "../annotations/Sidebar.tsx";
import { DocumentContext, type DocumentContextValue } from "./document-context.ts";
import { DocumentLayout, DocumentNotes } from "./DocumentLayout.tsx";
import type { DocumentData } from "./loaders.ts";
import { useArticleNavigation } from "./use-article-navigation.ts";
import { useEditorLayers } from "./use-editor-layers.ts";
import { useLiveDocument } from "./use-live-document.ts";
import { useOpenFromLink } from "./use-open-from-link.ts";
import { useSharedSelection } from "./use-shared-selection.ts";
import { useSidebarMode } from "./use-sidebar-mode.ts";

export function DocumentWorkspace({ data, openAnnotationId }: { data: DocumentData; openAnnotationId?: string }) {
  const user = useMe();
  const me = useMemo(() => ({ id: user.id, displayName: user.displayName }), [user.id, user.displayName]);
  const live = useLiveDocument(data, user.id);
  const { store, session, snapshot, outboxEntries, seq, loadError, notify } = live;
  const article = useArticleNavigation(snapshot, outboxEntries);
  const { editor, index, rangeOf } = article;
  const sidebar = useSidebarMode({ store, snapshot, rangeOf, scrollToRange: article.scrollToRange });
  const { mode, openId } = sidebar;
  const [filters, setFilters] = useState<AnnotationFilters>(NO_FILTERS);
  useOpenFromLink(openAnnotationId, { index, seq, snapshot, openThread: sidebar.openThread, notify });
  const setSelection = useSharedSelection(session, index);

  const abilities = data.workspace.abilities;
  const canAnnotate = !!abilities["annotation.create"];
  const tagsById = useMemo(() => new Map(data.tags.map((t) => [t.id, t])), [data.tags]);

  const activeRange = openId ? rangeOf(openId) : null;
  const draftRange = mode.view === "compose" ? mode.draft.range : null;
  useEditorLayers({ editor, index, snapshot, store, outboxEntries, me, tagsById, filters, activeRange, draftRange, session });

  const ctx: DocumentContextValue = {
    data,
    me,
    canAnnotate,
    canModerate: !!abilities["annotation.moderate"],
    tagsById,
    members: data.members,
    store,
    outbox: live.outbox,
    session,
    index,
    mutate: live.mutate,
    openThread: sidebar.openThread,
    showInText: article.showInText,
    selectInText: article.selectInText,
    backToList: sidebar.backToList,
    notify,
  };

  return (
    <DocumentContext.Provider value={ctx}>
      <DocumentLayout
        notes={<DocumentNotes loadError={loadError} canAnnotate={canAnnotate} role={data.role} />}
        article={
          <ArticleEditor
            paragraphs={data.paragraphs}
            canAnnotate={canAnnotate}
            composing={mode.view === "compose"}
            onReady={article.handleReady}
            onSelection={setSelection}
            onAnnotate={sidebar.startDraft}
            onOpenAnnotation={(ids, via) => sidebar.openThread(ids[0]!, { focus: via === "keyboard" })}
          />
        }
        sidebar={
          <Sidebar loading={seq === null && !loadError} mode={mode} setMode={sidebar.setMode} filters={filters} setFilters={setFilters} snapshot={snapshot} outboxEntries={outboxEntries} />
        }
        notices={live.notices}
        dismiss={live.dismiss}
      />
    </DocumentContext.Provider>
  );
}
