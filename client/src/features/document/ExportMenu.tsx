/**
 * Links to the document's exports (the server renders them; `download` keeps the page open).
 * Each CSV says what its rows are, since the two files look alike once downloaded.
 */
const FORMATS: Array<{ query: string; label: string; hint?: string }> = [
  { query: "format=html", label: "HTML" },
  { query: "format=md", label: "Markdown" },
  { query: "format=docx", label: "Word (.docx) with comments" },
  { query: "format=jsonld", label: "Web Annotation (JSON-LD)" },
  { query: "format=csv", label: "CSV: claims", hint: "one row per claim, with its status and verdict" },
  { query: "format=csv&rows=all", label: "CSV: all annotations", hint: "one row per comment, highlight and claim" },
  { query: "format=claimreview", label: "ClaimReview (schema.org)", hint: "claims with a verdict" },
];

export function ExportMenu({ documentId }: { documentId: string }) {
  return (
    <details className="export-menu">
      <summary>Export</summary>
      <ul aria-label="Export formats">
        {FORMATS.map((f) => (
          <li key={f.query}>
            <a href={`/api/documents/${encodeURIComponent(documentId)}/export?${f.query}`} download>
              {f.label}
              {f.hint && <small className="export-hint"> — {f.hint}</small>}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
