/**
 * The document's history: every version (newest first) with who made it and what changed; any
 * earlier version opened read-only with its annotations as they were; and the word-level
 * difference between two versions (removed words in <del>, added ones in <ins>).
 */
import { useEffect, useState } from "react";
import type { AnnotationDto } from "../../../../common/annotations.ts";
import type { ParagraphDto } from "../../../../common/documents.ts";
import type { VersionDiffDto, VersionDto } from "../../../../common/editing.ts";
import { api } from "../../api/http.ts";
import { useDocument } from "../document/document-context.ts";
import { KIND_LABELS } from "../annotations/labels.ts";
import { diffRuns, paragraphRuns, versionSummary } from "./version-view.ts";
import "./versions.css";

type View = { kind: "list" } | { kind: "version"; number: number } | { kind: "diff"; from: number; to: number };

function useFetch<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ data: null, error: null });
    load().then(
      (data) => live && setState({ data, error: null }),
      (e: Error) => live && setState({ data: null, error: e.message }),
    );
    return () => {
      live = false;
    };
    // The loader is rebuilt each render; `deps` say when it asks for something else.
  }, deps);
  return state;
}

function bodyText(a: AnnotationDto): string {
  const b = a.body as unknown;
  if (typeof b === "string") return b;
  if (b && typeof b === "object" && typeof (b as { text?: unknown }).text === "string") return (b as { text: string }).text;
  return "";
}

function VersionText({ documentId, number }: { documentId: string; number: number }) {
  const { data, error } = useFetch(
    () =>
      Promise.all([
        api.get<{ paragraphs: ParagraphDto[] }>(`/documents/${documentId}?version=${number}`),
        api.get<{ annotations: AnnotationDto[] }>(`/documents/${documentId}/annotations?version=${number}&replies=false`),
      ]),
    [documentId, number],
  );
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p className="loading">Loading version {number}…</p>;
  const [{ paragraphs }, { annotations }] = data;
  const runs = paragraphRuns(paragraphs, annotations);
  return (
    <div className="version-view" aria-label={`Version ${number}, read-only`}>
      <div className="version-text">
        {paragraphs.map((p) => {
          const Tag = p.kind === "heading" ? "h3" : p.kind === "quote" ? "blockquote" : "p";
          return (
            <Tag key={p.id} data-pid={p.id} className={`version-block kind-${p.kind}`}>
              {runs.get(p.id)!.map((r, i) =>
                r.ids.length ? (
                  <mark key={i} className="version-anno" data-anno={r.ids.join(" ")}>
                    {r.text}
                  </mark>
                ) : (
                  <span key={i}>{r.text}</span>
                ),
              )}
            </Tag>
          );
        })}
      </div>
      <h3>Annotations then ({annotations.length})</h3>
      <ul className="version-annotations">
        {annotations.map((a) => (
          <li key={a.id} data-annotation-id={a.id}>
            <span className={`kind-badge kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span> by {a.author.displayName}
            {a.anchor.state === "orphaned" && <span className="orphan-badge"> words gone</span>}
            <blockquote>{a.anchor.quote}</blockquote>
            {bodyText(a) && <p>{bodyText(a)}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function VersionDiff({ documentId, from, to }: { documentId: string; from: number; to: number }) {
  const { data, error } = useFetch(() => api.get<VersionDiffDto>(`/documents/${documentId}/diff?from=${from}&to=${to}`), [documentId, from, to]);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p className="loading">Comparing…</p>;
  if (data.paragraphs.length === 0) return <p>No differences between version {from} and version {to}.</p>;
  return (
    <ol className="version-diff" aria-label={`Changes from version ${from} to version ${to}`}>
      {data.paragraphs.map((p) => (
        <li key={p.paragraphId} data-change={p.change}>
          <span className="diff-change">{p.change}</span>{" "}
          <span className="diff-text">
            {diffRuns(p).map((r, i) => (r.op === "delete" ? <del key={i}>{r.text}</del> : r.op === "insert" ? <ins key={i}>{r.text}</ins> : <span key={i}>{r.text}</span>))}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function HistoryPanel({ onClose }: { onClose(): void }) {
  const { data } = useDocument();
  const documentId = data.document.id;
  const current = data.document.version;
  const [view, setView] = useState<View>({ kind: "list" });
  const [from, setFrom] = useState(Math.max(1, current - 1));
  const [to, setTo] = useState(current);
  const { data: list, error } = useFetch(() => api.get<{ versions: VersionDto[] }>(`/documents/${documentId}/versions`), [documentId, current]);

  return (
    <section className="tool-panel history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <div className="form-actions">
        {view.kind !== "list" && (
          <button type="button" onClick={() => setView({ kind: "list" })}>
            All versions
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close history
        </button>
      </div>
      {view.kind === "list" && (
        <>
          <form
            className="compare-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (from < to) setView({ kind: "diff", from, to });
            }}
          >
            <label>
              From version <input type="number" min={1} max={current} value={from} onChange={(e) => setFrom(Number(e.currentTarget.value))} />
            </label>{" "}
            <label>
              to <input type="number" min={1} max={current} value={to} onChange={(e) => setTo(Number(e.currentTarget.value))} />
            </label>{" "}
            <button type="submit" disabled={!(from >= 1 && to <= current && from < to)}>
              Compare
            </button>
          </form>
          {error && <p role="alert">{error}</p>}
          {!list && !error && <p className="loading">Loading the versions…</p>}
          {list && (
            <ol className="version-list" reversed>
              {list.versions.map((v) => (
                <li key={v.number} data-version={v.number}>
                  <strong>Version {v.number}</strong>
                  {v.number === current && " (current)"} — {versionSummary(v)}
                  {v.author && ` by ${v.author.displayName}`}, <time dateTime={v.createdAt}>{new Date(v.createdAt).toLocaleString()}</time>
                  {v.note && <span className="version-note"> “{v.note}”</span>}{" "}
                  <button type="button" className="link-button" onClick={() => setView({ kind: "version", number: v.number })}>
                    View version {v.number}
                  </button>
                  {v.number > 1 && (
                    <>
                      {" · "}
                      <button type="button" className="link-button" onClick={() => setView({ kind: "diff", from: v.number - 1, to: v.number })}>
                        Changes in version {v.number}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {view.kind === "version" && (
        <>
          <h3>
            Version {view.number} (read-only{view.number === current ? ", current" : ""})
          </h3>
          <VersionText documentId={documentId} number={view.number} />
        </>
      )}
      {view.kind === "diff" && (
        <>
          <h3>
            Changes from version {view.from} to version {view.to}
          </h3>
          <VersionDiff documentId={documentId} from={view.from} to={view.to} />
        </>
      )}
    </section>
  );
}
