/** A verdict's sources: a list of http(s) links with Remove buttons, and a field to add one. */
import { useState, type KeyboardEvent } from "react";
import { MAX_SOURCES } from "../../../../common/review.ts";
import { sourceProblem } from "./review-rules.ts";

export function SourcesEditor({ idPrefix, sources, onChange, disabled }: { idPrefix: string; sources: string[]; onChange(next: string[]): void; disabled?: boolean }) {
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string>();
  const inputId = `${idPrefix}-source`;
  const errorId = `${idPrefix}-source-error`;

  function add() {
    const problem = sourceProblem(url, sources, MAX_SOURCES);
    if (problem) return setError(problem);
    onChange([...sources, url.trim()]);
    setUrl("");
    setError(undefined);
  }

  function handleKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    // Enter adds the source instead of submitting the whole review.
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  }

  return (
    <fieldset className="sources-editor" disabled={disabled}>
      <legend>Sources</legend>
      {sources.length === 0 ? (
        <p className="muted hint">No sources yet.</p>
      ) : (
        <ul className="source-list" aria-label="Sources of this review">
          {sources.map((s) => (
            <li key={s}>
              <a href={s} target="_blank" rel="noopener noreferrer nofollow">
                {s}
              </a>{" "}
              <button type="button" className="link-button" aria-label={`Remove source ${s}`} onClick={() => onChange(sources.filter((x) => x !== s))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="source-add">
        <label htmlFor={inputId}>Add a source (http or https URL)</label>
        <div className="source-add-row">
          <input
            id={inputId}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            aria-invalid={!!error}
            aria-describedby={errorId}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              if (error) setError(undefined);
            }}
            onKeyDown={handleKeyDown}
          />
          <button type="button" onClick={add}>
            Add source
          </button>
        </div>
        <p id={errorId} className="field-error" role={error ? "alert" : undefined} hidden={!error}>
          {error}
        </p>
      </div>
    </fieldset>
  );
}
