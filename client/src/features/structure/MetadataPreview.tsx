/** What the front matter amounts to: authors as cards with their details, and the article's own details. */
import type { DocumentAuthor, DocumentMetadata } from "../../../../common/documents.ts";
import { authorDetails, dateRows } from "./structure-model.ts";

/** An author's details as a description list (nothing when there are none). */
export function AuthorDetailsList({ author }: { author: DocumentAuthor }) {
  const rows = authorDetails(author);
  if (rows.length === 0) return <p className="muted sb-none">No details yet.</p>;
  return (
    <dl className="sb-details">
      {rows.map((r, i) => (
        <div key={i}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MetadataPreview({ metadata }: { metadata: DocumentMetadata }) {
  const m = metadata;
  const dates = dateRows(m);
  const fields: Array<{ label: string; value: string }> = [];
  if (m.subtitle) fields.push({ label: "Subtitle", value: m.subtitle });
  if (m.dateline) fields.push({ label: "Dateline", value: m.dateline });
  if (m.standfirst) fields.push({ label: "Standfirst", value: m.standfirst });
  if (m.abstract) fields.push({ label: "Abstract", value: m.abstract });
  if (m.keywords?.length) fields.push({ label: "Keywords", value: m.keywords.join("; ") });
  if (m.doi) fields.push({ label: "DOI", value: m.doi });
  for (const d of dates) fields.push({ label: d.label, value: d.value });
  if (m.acknowledgement) fields.push({ label: "Acknowledgement", value: m.acknowledgement });
  return (
    <section className="sb-preview" aria-labelledby="sb-preview-title">
      <h2 id="sb-preview-title">What the front matter says</h2>
      <h3 className="sb-sub">
        Authors <span className="muted">({m.authors.length})</span>
      </h3>
      {m.authors.length === 0 ? (
        <p className="muted">No authors: give a name line the role “Author name”.</p>
      ) : (
        <ol className="sb-authors">
          {m.authors.map((a, i) => (
            <li key={i} className="sb-author-card" aria-label={`Author ${i + 1}: ${a.name}`}>
              <p className="sb-author-name">{a.name}</p>
              <AuthorDetailsList author={a} />
            </li>
          ))}
        </ol>
      )}
      <h3 className="sb-sub">Article</h3>
      {fields.length === 0 ? (
        <p className="muted">No subtitle, dateline, abstract, keywords, DOI or dates yet.</p>
      ) : (
        <dl className="sb-details sb-article-fields">
          {fields.map((f) => (
            <div key={f.label} data-field={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
