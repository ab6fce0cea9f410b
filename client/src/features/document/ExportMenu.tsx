/** Links to the document's exports (the server renders them; `download` keeps the page open). */
const FORMATS: Array<{ format: string; label: string }> = [
  { format: "html", label: "HTML" },
  { format: "md", label: "Markdown" },
  { format: "docx", label: "Word (.docx) with comments" },
  { format: "jsonld", label: "Web Annotation (JSON-LD)" },
  { format: "csv", label: "CSV" },
  { format: "claimreview", label: "ClaimReview (schema.org)" },
];

export function ExportMenu({ documentId }: { documentId: string }) {
  return (
    <details className="export-menu">
      <summary>Export</summary>
      <ul aria-label="Export formats">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={`/api/documents/${encodeURIComponent(documentId)}/export?format=${f.format}`} download>
              {f.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
