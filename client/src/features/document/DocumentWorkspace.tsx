/**
 * The document screen: article (TipTap) beside the annotation sidebar, with the header's
 * presence, connection state and export menu. Reads as its steps: open the document live,
 * reach the article, track what the sidebar shows, list and draw the annotations, keep the
 * reader's place, share it all by context.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import type { Mappable } from "@tiptap/pm/transform";
import { useMe } from "../../app/session.tsx";
import { ArticleEditor } from "../../editor/ArticleEditor.tsx";
import { rangeToAnchor, type BlockIndex } from "../../editor/anchors.ts";
import { EditingTools } from "../editing/EditingTools.tsx";
import { mapDraftSpan } from "../editing/map-draft.ts";
import { useTrackedLayer } from "../editing/use-tracked-layer.ts";
import { useTextEditing } from "../editing/use-text-editing.ts";
import { NO_FILTERS, type AnnotationFilters } from "../annotations/ordering.ts";
import { Sidebar } from "../annotations/Sidebar.tsx";
import { DocumentContext, type DocumentContextValue } from "./document-context.ts";
import { DocumentLayout, DocumentNotes } from "./DocumentLayout.tsx";
import type { DocumentData } from "./loaders.ts";
import { OverlapPicker, type PickerRequest } from "./OverlapPicker.tsx";
import { OverviewBar } from "./OverviewBar.tsx";
import { ShortcutHelp } from "./ShortcutHelp.tsx";
import { useAnnotationLists } from "./use-annotation-lists.ts";
import { useArticleNavigation } from "./use-article-navigation.ts";
import { useBottomSheet } from "./use-bottom-sheet.ts";
import { useEditorLayers } from "./use-editor-layers.ts";
import { useHelpKey } from "./use-help-key.ts";
import { useKeepPassageVisible } from "./use-keep-passage-visible.ts";
import { useLiveDocument } from "./use-live-document.ts";
import { useOpenFromLink } from "./use-open-from-link.ts";
import { useReadingPosition } from "./use-reading-position.ts";
import { useSharedSelection } from "./use-shared-selection.ts";
import { useSidebarMode } from "./use-sidebar-mode.ts";
import { useShownNextTask } from "../../app/use-shown-next-task.ts";

export function DocumentWorkspace({ data, openAnnotationId }: { data: DocumentData; openAnnotationId?: string }) {
  const user = useMe();
  const me = useMemo(() => ({ id: user.id, displayName: user.displayName }), [user.id, user.displayName]);
  const live = useLiveDocument(data, user.id);
  const { store, session, snapshot, outboxEntries, seq, loadError, notify } = live;
  const abilities = data.workspace.abilities;
  const canEdit = !!abilities["document.edit"];
  const catchUp = useMemo(() => {
    const toSeq = data.annotations.then((r) => r.seq);
    toSeq.catch(() => undefined);
    return { fromSeq: (data.document as { lastSeq?: number }).lastSeq, toSeq };
  }, [data]);
  const text = useTextEditing({
    documentId: data.document.id,
    initial: { version: data.document.version, paragraphs: data.paragraphs, metadata: data.document.metadata },
    catchUp,
    canEdit,
    events: live.events,
    results: live.results,
    mutate: live.mutate,
    notify,
  });
  // The page's data with the text as it is now (edits arrive live).
  const liveData = useMemo(
    () => ({ ...data, paragraphs: text.text.paragraphs, document: { ...data.document, version: text.text.version, metadata: text.text.metadata } }),
    [data, text.text],
  );
  const article = useArticleNavigation(snapshot, outboxEntries);
  const { editor, index, rangeOf, scrollToRange } = article;
  const sidebar = useSidebarMode({ store, snapshot, rangeOf, scrollToRange });
  const { mode, openId } = sidebar;
  const [filters, setFilters] = useState<AnnotationFilters>(NO_FILTERS);
  useOpenFromLink(openAnnotationId, { index, seq, snapshot, openThread: sidebar.openThread, notify });
  const setSelection = useSharedSelection(session, index);
  const [pane, setPane] = useState<HTMLElement | null>(null);
  const sheet = useBottomSheet(mode);
  const help = useHelpKey();
  const [picker, setPicker] = useState<PickerRequest | null>(null);
  const closePicker = useCallback(() => setPicker(null), []);
  const [caretBlock, setCaretBlock] = useState<string | null>(null);

  const canAnnotate = !!abilities["annotation.create"];
  const tagsById = useMemo(() => new Map(data.tags.map((t) => [t.id, t])), [data.tags]);
  const lists = useAnnotationLists({ index, snapshot, outboxEntries, me, store, tagsById, filters });
  const byId = useMemo(() => new Map(lists.all.map((a) => [a.id, a])), [lists.all]);
  const readingPos = useReadingPosition(editor, index, pane);

  const openRange = openId ? rangeOf(openId) : null;
  const activeRange = openRange ?? (sidebar.previewId ? rangeOf(sidebar.previewId) : null);
  const draftRange = mode.view === "compose" ? mode.draft.range : null;
  useEditorLayers({ editor, index, visible: lists.visible, tagsById, activeRange, draftRange, session });
  useTrackedLayer(editor, index, lists.visible);

  // The text changed under the reader: positions come from the new index, and a selection
  // being annotated follows its words (or waits for new ones when they are gone).
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const onTextChange = useCallback(
    (idx: BlockIndex, mapping: Mappable) => {
      article.reindex(idx);
      const m = modeRef.current;
      if (m.view !== "compose" || !editor || m.draft.lost) return;
      const span = mapDraftSpan(m.draft, mapping, editor.state.doc, idx);
      sidebar.setMode({ view: "compose", draft: span ? { ...m.draft, ...span } : { ...m.draft, lost: true } });
    },
    [article, editor, sidebar],
  );
  const selectionAnchor = useCallback(() => {
    if (!editor || !index) return null;
    const { from, to } = editor.state.selection;
    return rangeToAnchor(editor.state.doc, index, from, to);
  }, [editor, index]);
  useKeepPassageVisible(editor, pane, draftRange ?? openRange, scrollToRange);

  const jumpTo = useCallback(
    (id: string) => {
      if (mode.view === "list") return sidebar.preview(id);
      const range = rangeOf(id);
      if (range) scrollToRange(range);
    },
    [mode.view, sidebar, rangeOf, scrollToRange],
  );

  const ctx: DocumentContextValue = {
    data: liveData,
    canEdit,
    text,
    selectionAnchor,
    me,
    canAnnotate,
    canModerate: !!abilities["annotation.moderate"],
    tagsById,
    members: data.members,
    store,
    outbox: live.outbox,
    session,
    events: live.events,
    index,
    mutate: live.mutate,
    openThread: sidebar.openThread,
    preview: sidebar.preview,
    showInText: article.showInText,
    showParagraph: article.showParagraph,
    selectInText: article.selectInText,
    backToList: sidebar.backToList,
    notify,
  };

  // The editor is made in the task after the one that draws the rest of the screen.
  const articleShown = useShownNextTask();

  return (
    <DocumentContext.Provider value={ctx}>
      <DocumentLayout
        notes={<DocumentNotes loadError={loadError} canAnnotate={canAnnotate} role={data.role} />}
        article={
          !articleShown ? (
            <p className="loading">Loading the article…</p>
          ) : (
            <ArticleEditor
              paragraphs={text.shown}
              canAnnotate={canAnnotate && !text.editing}
              editing={text.editing}
              locked={text.locked}
              onTextChange={onTextChange}
              onTyped={text.typed}
              onStructure={text.structure}
              onCaretBlock={setCaretBlock}
              takeCaret={text.takeCaret}
              composing={mode.view === "compose"}
              onReady={article.handleReady}
              onSelection={setSelection}
              onAnnotate={sidebar.startDraft}
              onOpenAnnotation={(ids, via, pos) => (ids.length > 1 ? setPicker({ ids, pos, via }) : sidebar.openThread(ids[0]!, { focus: via === "keyboard" }))}
              overlay={
                picker &&
                editor && (
                  <OverlapPicker
                    request={picker}
                    editor={editor}
                    byId={byId}
                    onClose={closePicker}
                    onChoose={(id) => {
                      setPicker(null);
                      sidebar.openThread(id, { focus: true });
                    }}
                  />
                )
              }
            />
          )
        }
        overview={<OverviewBar items={lists.visible} editor={editor} index={index} pane={pane} onJump={jumpTo} />}
        sidebar={
          <Sidebar
            loading={seq === null && !loadError}
            tab={sidebar.tab}
            setTab={sidebar.setTab}
            mode={mode}
            setMode={sidebar.setMode}
            filters={filters}
            setFilters={setFilters}
            all={lists.all}
            visible={lists.visible}
            sheet={sheet}
            readingPos={readingPos}
          />
        }
        tools={<EditingTools caretBlock={caretBlock} />}
        sheet={sheet.size}
        paneRef={setPane}
        onShortcuts={() => help.setOpen(true)}
        notices={live.notices}
        dismiss={live.dismiss}
      />
      <ShortcutHelp open={help.open} onClose={() => help.setOpen(false)} />
    </DocumentContext.Provider>
  );
}
