/**
 * The article's compact header: title, subtitle, dateline and the authors as names, each a button
 * that opens that author's details (degrees, affiliations, positions, identifiers, contacts, bio)
 * under the names. Follows the document's metadata live: an edit that rebuilds it updates the header.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { DocumentMetadata } from "../../../../common/documents.ts";
import { useDocument } from "../document/document-context.ts";
import { AuthorDetailsList } from "./MetadataPreview.tsx";
import { readMetadata } from "./structure-model.ts";
import "./structure.css";

/** Stays in step with the metadata the document's edits answer. */
function useLiveMetadata(): DocumentMetadata {
  const { data, events } = useDocument();
  const [metadata, setMetadata] = useState(() => readMetadata(data.document.metadata));
  useEffect(
    () =>
      events.subscribe((e) => {
        if (e.type === "document.edited" && e.payload.metadata) setMetadata(readMetadata(e.payload.metadata));
      }),
    [events],
  );
  return metadata;
}

export function AuthorsHeader() {
  const { data } = useDocument();
  const metadata = useLiveMetadata();
  const [open, setOpen] = useState<number | null>(null);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const id = useId();
  const authors = metadata.authors;
  const shown = open !== null && open < authors.length ? authors[open]! : null;

  const close = () => {
    const at = open;
    setOpen(null);
    if (at !== null) buttons.current[at]?.focus();
  };

  return (
    <section className="authors-header" aria-label="Title and authors">
      <p className="ah-title">{data.document.title}</p>
      {metadata.subtitle && <p className="ah-subtitle">{metadata.subtitle}</p>}
      {metadata.dateline && <p className="ah-dateline">{metadata.dateline}</p>}
      {authors.length > 0 && (
        <p className="ah-names">
          <span className="visually-hidden">Authors: </span>
          {authors.map((a, i) => (
            <span key={i}>
              <button
                type="button"
                className="ah-name"
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                aria-expanded={open === i}
                aria-controls={open === i ? `${id}-card` : undefined}
                onClick={() => setOpen(open === i ? null : i)}
              >
                {a.name}
              </button>
              {i < authors.length - 1 && <span aria-hidden="true">, </span>}
            </span>
          ))}
        </p>
      )}
      {shown && (
        <div
          id={`${id}-card`}
          className="ah-card"
          role="group"
          aria-label={`About ${shown.name}`}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              close();
            }
          }}
        >
          <div className="ah-card-head">
            <p className="ah-card-name">{shown.name}</p>
            <button type="button" className="link-button" onClick={close}>
              Close<span className="visually-hidden"> the details of {shown.name}</span>
            </button>
          </div>
          <AuthorDetailsList author={shown} />
        </div>
      )}
    </section>
  );
}
