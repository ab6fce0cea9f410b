/**
 * /d/:id/structure — the import as a draft an editor corrects: every block in order with what it
 * was detected as, and per block a role, a split and a merge; beside it, what the front matter
 * amounts to (authors, subtitle, dateline, abstract, …), updated from each edit's answer. Each
 * change is one edit with its own clientMutationId, made on the block's version; someone else's
 * edit reloads the list.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { DocumentDto, DocumentMetadata, ParagraphDto } from "../../../../common/documents.ts";
import type { DocumentEditDto, EditOp } from "../../../../common/editing.ts";
import type { Role } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { newClientMutationId } from "../../realtime/outbox.ts";
import { BlockRow } from "./BlockRow.tsx";
import { MetadataPreview } from "./MetadataPreview.tsx";
import { applyEdit, isFrontMatter, moveToFrontOp, readMetadata, sections } from "./structure-model.ts";
import { useStructureLive } from "./use-structure-live.ts";
import "./structure.css";

interface Loaded {
  document: DocumentDto & { lastSeq?: number };
  role: Role;
  abilities: Record<string, boolean>;
  paragraphs: ParagraphDto[];
}

type Message = { tone: "ok" | "error"; text: string } | null;

export default function StructurePage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [blocks, setBlocks] = useState<ParagraphDto[]>([]);
  const [metadata, setMetadata] = useState<DocumentMetadata>({ authors: [] });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [firstSeq, setFirstSeq] = useState<number | null>(null);
  const mine = useMemo(() => new Set<string>(), []);
  const focusNext = useRef<{ id: string; where: "self" | "next" } | null>(null);

  const reload = useCallback(async () => {
    try {
      const r = await api.get<Loaded>(`/documents/${encodeURIComponent(id)}`);
      setLoaded(r);
      setBlocks(r.paragraphs);
      setMetadata(readMetadata(r.document.metadata));
      setFirstSeq((s) => s ?? r.document.lastSeq ?? 0);
      setLoadError(null);
      return true;
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : "The document could not be loaded.");
      return false;
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useStructureLive(id, firstSeq, mine, () => {
    void reload().then((ok) => ok && setMessage({ tone: "ok", text: "Someone else changed the document; the blocks now show it." }));
  });

  // After a change, keep the keyboard where it was: on the block's role, or the new block's after a split.
  useEffect(() => {
    const want = focusNext.current;
    if (!want || busy) return;
    focusNext.current = null;
    const ordered = sections(blocks);
    const all = [...ordered.front, ...ordered.body];
    const at = all.findIndex((b) => b.id === want.id);
    const target = want.where === "next" ? all[at + 1] : all[at];
    const el = target ? document.getElementById(`role-${target.id}`) : null;
    el?.focus();
  }, [blocks, busy]);

  const send = useCallback(
    async (block: ParagraphDto, ops: EditOp[], what: string, focusAfter: "self" | "next" = "self") => {
      // The app's id maker (crypto.getRandomValues), which works on plain-http origins too.
      const clientMutationId = newClientMutationId();
      mine.add(clientMutationId);
      setBusy(block.id);
      setMessage(null);
      try {
        const edit = await api.post<DocumentEditDto>(`/documents/${encodeURIComponent(id)}/edits`, { ops, clientMutationId });
        setBlocks((prev) => applyEdit(prev, edit));
        if (edit.metadata) setMetadata(readMetadata(edit.metadata));
        focusNext.current = { id: block.id, where: focusAfter };
        setMessage({ tone: "ok", text: `Saved. ${what}` });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          await reload();
          focusNext.current = { id: block.id, where: "self" };
          setMessage({ tone: "error", text: "Someone else changed this block just before you, so nothing was saved. It now shows the current version; check it and try again." });
        } else if (e instanceof ApiError) {
          // Refused as asked (often because the list is behind): say why, and read it again.
          await reload();
          setMessage({ tone: "error", text: `Not saved: ${e.message}` });
        } else {
          setMessage({ tone: "error", text: "Not saved: the server could not be reached." });
        }
      } finally {
        setBusy(null);
      }
    },
    [id, mine, reload],
  );

  if (!loaded) {
    if (loadError)
      return (
        <section className="page narrow">
          <h1 tabIndex={-1}>Document unavailable</h1>
          <p role="alert">{loadError}</p>
          <Link to="/">Back to your workspaces</Link>
        </section>
      );
    return <p className="loading">Loading the front matter…</p>;
  }

  const canEdit = !!loaded.abilities["document.edit"];
  const { front, body } = sections(blocks);
  const all = [...front, ...body];
  const row = (b: ParagraphDto) => (
    <BlockRow
      key={b.id}
      block={b}
      next={all[all.indexOf(b) + 1] ?? null}
      busy={busy !== null}
      canEdit={canEdit}
      moveToFront={body.includes(b) && isFrontMatter(b) ? () => void send(b, [moveToFrontOp(b, front)], `“${b.text.slice(0, 40)}” moved to the front matter.`, "self") : undefined}
      send={(ops, what, focusAfter) => void send(b, ops, what, focusAfter)}
    />
  );

  return (
    <section className="page structure-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/d/${loaded.document.id}`}>← Back to “{loaded.document.title}”</Link>
      </nav>
      <h1 tabIndex={-1}>Front matter &amp; structure</h1>
      <p className="hint">
        The import guessed what each block is. Correct it here: pick a block’s role (a front-matter line such as an author or an affiliation, the subtitle, or
        back to the body), split a block, merge it with the next, or bring a front-matter line that stands in the body up to the front matter. “Author name”
        starts a new author; the lines after it belong to that author.
      </p>
      {!canEdit && (
        <p className="role-note">
          You are a <strong>{loaded.role}</strong> here: only editors and owners can change the structure.
        </p>
      )}
      <p className="sb-message sb-message-ok" role="status">
        {message?.tone === "ok" ? message.text : ""}
      </p>
      <p className="sb-message sb-message-error" role="alert">
        {message?.tone === "error" ? message.text : ""}
      </p>
      <div className="sb-layout">
        <MetadataPreview metadata={metadata} />
        <div className="sb-blocks">
          <h2 id="sb-front">
            Front matter <span className="muted">({front.length})</span>
          </h2>
          {front.length === 0 ? <p className="muted">No front matter: give a block a front-matter role below.</p> : <ol className="sb-list" aria-labelledby="sb-front">{front.map(row)}</ol>}
          <h2 id="sb-body">
            Body <span className="muted">({body.length})</span>
          </h2>
          <ol className="sb-list" aria-labelledby="sb-body">
            {body.map(row)}
          </ol>
        </div>
      </div>
    </section>
  );
}
