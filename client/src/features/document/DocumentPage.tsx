/** /d/:id — loads the document, its annotations and the workspace's vocabulary, then shows it. */
import { useEffect } from "react";
import { Link } from "../../app/router.tsx";
import { useLoad } from "../../app/use-load.ts";
import { loadDocument } from "./loaders.ts";
import { DocumentWorkspace } from "./DocumentWorkspace.tsx";

export default function DocumentPage({ id, annotationId }: { id: string; annotationId?: string }) {
  const loaded = useLoad(() => loadDocument(id), [id]);
  // The screen writes its counts in the reader's locale (toLocaleString): the first such call
  // sets the number format up, 15-30 ms in Chromium, which is done here while the document is
  // on its way rather than in the task that first draws the screen.
  useEffect(() => {
    const timer = setTimeout(() => void (0).toLocaleString(), 0);
    return () => clearTimeout(timer);
  }, []);
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
