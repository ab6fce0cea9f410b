/**
 * Opening a document from a link asks for its reads (common/document-reads.ts) while the
 * screen's code is still downloading (api/http.ts `prefetch`). Kept out of the screen's chunk:
 * the first script imports it.
 */
import { prefetch } from "../../api/http.ts";
import { documentReads } from "../../../../common/document-reads.ts";

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
