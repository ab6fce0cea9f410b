/**
 * The document screen: article (TipTap) beside the annotation sidebar, with the header's
 * presence, connection state and export menu. Owns the screen's state: which annotation is open,
 * the draft being written, the filters, and the decoration layers fed to the editor.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import type { AnnotationKind } from "../../../../common/annotations.ts";
import type { MutationMap, MutationName } from "../../../../common/realtime.ts";
import { useMe } from "../../app/session.tsx";
import { anchorToRange, rangeToSelection, type BlockIndex, type PosRange } from "../../editor/anchors.ts";
import { ArticleEditor } from "../../editor/ArticleEditor.tsx";
import type { SelectionInfo } from "../../editor/SelectionToolbar.tsx";
import { Outbox, newClientMutationId, type OutboxEntry } from "../../realtime/outbox.ts";
import { AnnotationStore } from "../annotations/annotation-store.ts";
import { currentClaimOf } from "../review/conflicts.ts";
import { NO_FILTERS, type AnnotationFilters } from "../annotations/ordering.ts";
import { Sidebar, type SidebarMode } from "../annotations/Sidebar.tsx";
import { DocumentHeader } from "./DocumentHeader.tsx";
import { DocumentContext, type DocumentContextValue } from "./document-context.ts";
import { loadThread, type DocumentData } from "./loaders.ts";
import { PENDING_PREFIX } from "./pending.ts";
import { useDocumentSession } from "./use-document-session.ts";
import { useEditorLayers } from "./use-editor-layers.ts";
import { Notices, useNotices } from "./Notices.tsx";

export function DocumentWorkspace({ data, openAnnotationId }: { data: DocumentData; openAnnotationId?: string }) {
  const user = useMe();
  const me = useMemo(() => ({ id: user.id, displayName: user.displayName }), [user.id, user.displayName]);
  const store = useMemo(() => new AnnotationStore({ loadThread }), []);
  const [seq, setSeq] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    data.annotations.then(
      (r) => {
        if (cancelled) return;
        store.load(r.annotations);
        setSeq(r.seq);
      },
      (e: Error) => !cancelled && setLoadError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [data, store]);
  const outbox = useMemo(() => new Outbox(window.localStorage, `scholia.outbox.v1.${user.id}`), [user.id]);
  const { notices, notify, dismiss } = useNotices();
  const onRejected = useCallback(
    (entry: OutboxEntry, error: { status: number; message: string; details?: unknown }) => {
      if (error.status === 409 && (entry.name === "claim:review" || entry.name === "claim:assign")) {
        // Someone changed the claim first: show it as it is now, and say so.
        const current = currentClaimOf(error.details);
        if (current) store.setClaim(current.annotationId, current.claim);
        return notify("Someone else changed this claim just before you. It now shows the current review; check it and try again.");
      }
      notify(`Not saved (${entry.name.replace(":", " ")}): ${error.message}`);
    },
    [notify, store],
  );
  const session = useDocumentSession(data.document.id, seq, outbox, store, onRejected);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const outboxEntries = useSyncExternalStore(outbox.subscribe, () => outbox.list());

  const [editor, setEditor] = useState<Editor | null>(null);
  const [index, setIndex] = useState<BlockIndex | null>(null);
  const [mode, setMode] = useState<SidebarMode>({ view: "list" });
  const [filters, setFilters] = useState<AnnotationFilters>(NO_FILTERS);
  const [selection, setSelection] = useState<PosRange | null>(null);
  const lastListFocus = useRef<string | null>(null);

  const abilities = data.workspace.abilities;
  const canAnnotate = !!abilities["annotation.create"];
  const canModerate = !!abilities["annotation.moderate"];
  const tagsById = useMemo(() => new Map(data.tags.map((t) => [t.id, t])), [data.tags]);

  const mutate = useCallback(
    <N extends MutationName>(name: N, input: Omit<MutationMap[N]["input"], "clientMutationId">): string => {
      if (session) return session.mutate(name, input);
      const id = newClientMutationId();
      outbox.add({ id, name, documentId: data.document.id, input: { ...input, clientMutationId: id }, createdAt: Date.now() } as OutboxEntry);
      return id;
    },
    [session, outbox, data.document.id],
  );

  const rangeOf = useCallback(
    (id: string): PosRange | null => {
      if (!index) return null;
      const a = snapshot.byId.get(id);
      if (a) return anchorToRange(index, a.anchor);
      if (id.startsWith(PENDING_PREFIX)) {
        const entry = outboxEntries.find((e) => e.id === id.slice(PENDING_PREFIX.length));
        if (entry?.name === "annotation:create") return anchorToRange(index, entry.input.anchor);
      }
      return null;
    },
    [index, snapshot, outboxEntries],
  );

  const scrollToRange = useCallback(
    (range: PosRange) => {
      if (!editor) return;
      const { node } = editor.view.domAtPos(range.from);
      const el = node instanceof Element ? node : node.parentElement;
      el?.scrollIntoView({ block: "center", behavior: "auto" });
    },
    [editor],
  );

  const openThread = useCallback(
    (id: string, opts: { focus?: boolean } = {}) => {
      lastListFocus.current = id;
      setMode({ view: "thread", id, focus: opts.focus ?? true });
      const range = rangeOf(id);
      if (range) scrollToRange(range);
    },
    [rangeOf, scrollToRange],
  );

  const selectInText = useCallback(
    (range: PosRange) => {
      if (!editor) return;
      const { state, view } = editor;
      view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, range.from, range.to)));
      view.focus();
      scrollToRange(range);
    },
    [editor, scrollToRange],
  );

  const showInText = useCallback(
    (id: string) => {
      const range = rangeOf(id);
      if (range) selectInText(range);
    },
    [rangeOf, selectInText],
  );

  const backToList = useCallback(() => setMode({ view: "list", focusId: lastListFocus.current ?? undefined }), []);

  const handleAnnotate = useCallback((kind: AnnotationKind, sel: SelectionInfo) => {
    setMode({ view: "compose", draft: { kind, anchor: sel.anchor, range: { from: sel.from, to: sel.to } } });
  }, []);

  // A created annotation's thread: follow the pending id to the real one once confirmed.
  const openId = mode.view === "thread" ? mode.id : null;
  useEffect(() => {
    if (!openId?.startsWith(PENDING_PREFIX)) return;
    const real = store.createdBy(openId.slice(PENDING_PREFIX.length));
    if (!real) return;
    lastListFocus.current = real;
    setMode((m) => (m.view === "thread" && m.id === openId ? { ...m, id: real, focus: false } : m));
  }, [openId, snapshot, store]);

  // Arriving with ?a=<annotation id> (from the claims dashboard or the review queue): open its thread once it is here.
  const wantOpen = useRef(openAnnotationId ?? null);
  useEffect(() => {
    wantOpen.current = openAnnotationId ?? null;
  }, [openAnnotationId]);
  useEffect(() => {
    const id = wantOpen.current;
    if (!id || !index || seq === null) return;
    wantOpen.current = null;
    if (snapshot.byId.has(id)) openThread(id, { focus: true });
    else notify("That annotation is no longer in this document.");
  }, [index, seq, snapshot, openThread, notify, openAnnotationId]);

  const activeRange = openId ? rangeOf(openId) : null;
  const draftRange = mode.view === "compose" ? mode.draft.range : null;
  useEditorLayers({ editor, index, snapshot, store, outboxEntries, me, tagsById, filters, activeRange, draftRange, session });

  useEffect(() => {
    session?.setSelection(selection && index ? rangeToSelection(index, selection.from, selection.to) : null);
  }, [selection, index, session]);

  const ctx: DocumentContextValue = {
    data,
    me,
    canAnnotate,
    canModerate,
    tagsById,
    members: data.members,
    store,
    outbox,
    session,
    index,
    mutate,
    openThread,
    showInText,
    selectInText,
    backToList,
    notify,
  };

  return (
    <DocumentContext.Provider value={ctx}>
      <div className="doc-layout">
        <DocumentHeader />
        {loadError && (
          <p className="role-note" role="alert">
            The annotations could not be loaded: {loadError}
          </p>
        )}
        {!canAnnotate && (
          <p className="role-note">
            You are a <strong>{data.role}</strong> here: you can read everything and follow the discussion, but not annotate.
          </p>
        )}
        <div className="doc-main">
          <section className="article-pane" aria-label="Article">
            <ArticleEditor
              paragraphs={data.paragraphs}
              canAnnotate={canAnnotate}
              composing={mode.view === "compose"}
              onReady={(e, idx) => {
                setEditor(e);
                setIndex(idx);
              }}
              onSelection={setSelection}
              onAnnotate={handleAnnotate}
              onOpenAnnotation={(ids, via) => openThread(ids[0]!, { focus: via === "keyboard" })}
            />
          </section>
          <Sidebar loading={seq === null && !loadError} mode={mode} setMode={setMode} filters={filters} setFilters={setFilters} snapshot={snapshot} outboxEntries={outboxEntries} />
        </div>
        <Notices notices={notices} dismiss={dismiss} />
      </div>
    </DocumentContext.Provider>
  );
}
