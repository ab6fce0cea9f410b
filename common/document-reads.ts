/**
 * The reads the document screen starts with, by path under /api. Shared by the browser (which
 * asks for them, early when a document is opened from a link) and the server (which names them
 * as preloads in the page it sends for such a link): both must spell a path the same way for
 * the browser to take the early answer.
 */
const seg = encodeURIComponent;

export const documentReads = {
  document: (id: string) => `/documents/${seg(id)}`,
  /** The compact form: people, tags and paragraph ids listed once, decoded into the same annotations. */
  annotations: (id: string) => `/documents/${seg(id)}/annotations?form=compact`,
  workspace: (wid: string) => `/workspaces/${seg(wid)}`,
  tags: (wid: string) => `/workspaces/${seg(wid)}/tags`,
  members: (wid: string) => `/workspaces/${seg(wid)}/members`,
};

/** Every read of a document's screen, in the order the screen asks for them. */
export function documentScreenReads(documentId: string, workspaceId: string): string[] {
  return [documentReads.document(documentId), documentReads.annotations(documentId), documentReads.workspace(workspaceId), documentReads.tags(workspaceId), documentReads.members(workspaceId)];
}
