/**
 * "Upload revised draft" (editors): a new file for the same document. The server lines its
 * paragraphs up with the current ones and carries the annotations over; the report says how many
 * paragraphs were kept, edited, added and retired, which notes moved exactly, which changed (and
 * how sure the placement is) and which lost their words, with a way to each of those.
 */
import { useState } from "react";
import type { RevisionReportDto } from "../../../../common/editing.ts";
import { uploadFile } from "../../api/upload.ts";
import { useDocument } from "../document/document-context.ts";

/** The report's figures in words (pure, for the panel and its tests). */
export function reportLines(r: RevisionReportDto): { paragraphs: string; annotations: string } {
  const p = r.paragraphs;
  const a = r.annotations;
  return {
    paragraphs: `${p.kept} kept, ${p.edited} edited, ${p.added} added, ${p.retired} retired`,
    annotations: `${a.exact.length} carried exactly, ${a.changed.length} on changed text, ${a.orphaned.length} lost their words`,
  };
}

export function RevisionUpload({ onClose }: { onClose(): void }) {
  const { data, store, backToList, openThread } = useDocument();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<RevisionReportDto | null>(null);

  async function upload() {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const r = await uploadFile<RevisionReportDto>(`/documents/${encodeURIComponent(data.document.id)}/revisions`, file, setProgress).done;
      setReport(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  function showOrphan(id: string) {
    backToList();
    requestAnimationFrame(() => {
      const el = document.getElementById(`orphan-${id}`);
      el?.scrollIntoView({ block: "center" });
      el?.focus();
    });
  }

  const quoteOf = (id: string) => store.getSnapshot().byId.get(id)?.anchor.quote ?? "(a note)";
  const lines = report && reportLines(report);
  return (
    <section className="tool-panel revision-panel" aria-labelledby="revision-heading">
      <h2 id="revision-heading">Upload a revised draft</h2>
      {!report && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void upload();
          }}
        >
          <p className="hint">Any format the import takes (Word, PDF, Markdown, HTML, text). Notes are carried over to the new text where their words still are.</p>
          <label htmlFor="revision-file">Revised file</label>{" "}
          <input id="revision-file" type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={!file || progress !== null}>
              {progress !== null ? `Uploading… ${Math.round(progress * 100)}%` : "Upload"}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      )}
      {report && lines && (
        <div className="revision-report" role="status">
          <p>
            Version <strong>{report.version}</strong> is now the current text.
          </p>
          <dl>
            <dt>Paragraphs</dt>
            <dd className="report-paragraphs">{lines.paragraphs}</dd>
            <dt>Annotations</dt>
            <dd className="report-annotations">{lines.annotations}</dd>
          </dl>
          {report.annotations.changed.length > 0 && (
            <>
              <h3>On changed text (check them)</h3>
              <ul className="report-changed">
                {report.annotations.changed.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link-button" onClick={() => openThread(c.id)}>
                      {quoteOf(c.id)}
                    </button>{" "}
                    — {Math.round(c.confidence * 100)}% sure
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.annotations.orphaned.length > 0 && (
            <>
              <h3>Lost their words (re-attach or dismiss)</h3>
              <ul className="report-orphaned">
                {report.annotations.orphaned.map((id) => (
                  <li key={id}>
                    <button type="button" className="link-button" onClick={() => showOrphan(id)}>
                      {quoteOf(id)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              Close report
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
