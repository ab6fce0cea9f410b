/**
 * The reads the document screen starts with, by path, so that opening a document from a link can
 * ask for them while the screen's code is still downloading (api/http.ts `prefetch`). Kept out
 * of the screen's chunk: the first script imports it.
 */
import { prefetch } from "../../api/http.ts";

export const documentReads = {
  document: (id: string) => `/documents/${encodeURIComponent(id)}`,
  /** The compact form: people, tags and paragraph ids listed once, decoded into the same annotations. */
  annotations: (id: string) => `/documents/${encodeURIComponent(id)}/annotations?form=compact`,
  workspace: (wid: string) => `/workspaces/${encodeURIComponent(wid)}`,
  tags: (wid: string) => `/workspaces/${encodeURIComponent(wid)}/tags`,
  members: (wid: string) => `/workspaces/${encodeURIComponent(wid)}/members`,
};

/** Asks for a document, its annotations and its workspace's vocabulary, as the screen will. */
export function prefetchDocument(id: string): void {
  const doc = prefetch<{ document: { workspaceId: string } }>(documentReads.document(id));
  prefetch(documentReads.annotations(id));
  doc.then(
    ({ document: { workspaceId } }) => {
      prefetch(documentReads.workspace(workspaceId));
      prefetch(documentReads.tags(workspaceId));
      prefetch(documentReads.members(workspaceId));
    },
    () => undefined,
  );
}
