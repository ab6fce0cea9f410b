/**
 * The article's compact header: title, subtitle, dateline and the authors as names, each a button
 * that opens that author's details (degrees, affiliations, positions, identifiers, contacts, bio)
 * under the names. Follows the document's metadata live: an edit that rebuilds it updates the header
 * (the page's document data carries each edit's metadata).
 */
import { useId, useMemo, useRef, useState } from "react";
import { useDocument } from "../document/document-context.ts";
import { AuthorDetailsList } from "./MetadataPreview.tsx";
import { readMetadata } from "./structure-model.ts";
import "./structure.css";

export function AuthorsHeader() {
  const { data } = useDocument();
  // The page's document data follows every edit, so the header does too.
  const metadata = useMemo(() => readMetadata(data.document.metadata), [data.document.metadata]);
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

  // A document without front matter already shows its title (page header, article): nothing to add.
  if (authors.length === 0 && !metadata.subtitle && !metadata.dateline) return null;

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
