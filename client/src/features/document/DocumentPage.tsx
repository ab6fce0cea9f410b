/** /d/:id — loads the document, its annotations and the workspace's vocabulary, then shows it. */
import { Link } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { loadDocument } from "./loaders.ts";
import { DocumentWorkspace } from "./DocumentWorkspace.tsx";

export default function DocumentPage({ id, annotationId }: { id: string; annotationId?: string }) {
  const loaded = useLoad(() => loadDocument(id), [id]);
  if (loaded.status === "loading") return <p className="loading">Loading the document…</p>;
  if (loaded.status === "error")
    return (
      <section className="page narrow">
        <h1 tabIndex={-1}>Document unavailable</h1>
        <p role="alert">{loaded.error.message}</p>
        <Link to="/">Back to your workspaces</Link>
      </section>
    );
  return <DocumentWorkspace key={id} data={loaded.data} openAnnotationId={annotationId} />;
}
