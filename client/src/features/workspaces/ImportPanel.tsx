/** Import a document by choosing or dropping a file; shows upload progress, then the summary. */
import { useRef, useState, type DragEvent } from "react";
import type { DocumentDto, ImportSummary } from "../../../../common/documents.ts";
import { uploadFile } from "../../api/upload.ts";
import { ApiError } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";

type ImportState =
  | { step: "idle" }
  | { step: "uploading"; name: string; progress: number; abort(): void }
  | { step: "done"; document: DocumentDto; summary: ImportSummary }
  | { step: "failed"; message: string };

const ACCEPT = ".txt,.md,.markdown,.html,.htm,.docx,.odt,.pdf,text/plain,text/markdown,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,application/pdf";

const KIND_LABELS: Record<string, string> = { heading: "headings", paragraph: "paragraphs", listItem: "list items", quote: "quotes", meta: "metadata lines" };

export function ImportPanel({ workspaceId, onImported }: { workspaceId: string; onImported(): void }) {
  const [state, setState] = useState<ImportState>({ step: "idle" });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function start(file: File) {
    const handle = uploadFile<{ document: DocumentDto; summary: ImportSummary }>(`/workspaces/${workspaceId}/documents`, file, (progress) =>
      setState((s) => (s.step === "uploading" ? { ...s, progress } : s)),
    );
    setState({ step: "uploading", name: file.name, progress: 0, abort: handle.abort });
    handle.done.then(
      ({ document, summary }) => {
        setState({ step: "done", document, summary });
        onImported();
      },
      (err: unknown) => setState({ step: "failed", message: err instanceof ApiError ? err.message : "The import failed" }),
    );
  }

  function handleDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) start(file);
  }

  return (
    <section aria-labelledby="import-heading" className="panel">
      <h2 id="import-heading">Import a document</h2>
      <div
        className={`drop-zone${dragging ? " is-dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
      >
        <p>Drop a .txt, .md, .html, .docx, .odt or .pdf file here, or</p>
        <label htmlFor="import-file" className="button">
          Choose a file
        </label>
        <input
          id="import-file"
          ref={input}
          className="visually-hidden"
          type="file"
          accept={ACCEPT}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) start(file);
            e.currentTarget.value = "";
          }}
        />
      </div>
      <div aria-live="polite">
        {state.step === "uploading" && (
          <div className="upload">
            <label htmlFor="import-progress">Uploading {state.name}</label>
            <progress id="import-progress" max={1} value={state.progress}>
              {Math.round(state.progress * 100)}%
            </progress>
            <button type="button" onClick={state.abort}>
              Cancel upload
            </button>
          </div>
        )}
        {state.step === "failed" && (
          <p role="alert" className="form-error">
            {state.message}
          </p>
        )}
        {state.step === "done" && (
          <div className="import-summary">
            <h3>Imported “{state.summary.title}”</h3>
            <p>{state.summary.paragraphs} paragraphs:</p>
            <ul>
              {Object.entries(state.summary.kinds)
                .filter(([, n]) => n > 0)
                .map(([kind, n]) => (
                  <li key={kind}>
                    {n} {KIND_LABELS[kind] ?? kind}
                  </li>
                ))}
            </ul>
            <Link to={`/d/${state.document.id}`}>Open “{state.document.title}”</Link>
          </div>
        )}
      </div>
    </section>
  );
}
