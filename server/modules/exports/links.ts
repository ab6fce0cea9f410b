/**
 * Public links into the app that exports point at, instead of API URLs (which need a session
 * cookie and return JSON). The paths are the browser's routes (client/src/app/router.tsx):
 * `/d/<id>` is the document page and `?a=<annotation id>` opens that annotation's thread; the
 * claim review panel inside the thread carries the element id `claim-review-<annotation id>`.
 */

/** The document's page: the stable IRI the exports use for the article. */
export function documentPageUrl(origin: string, documentId: string): string {
  return `${origin}/d/${encodeURIComponent(documentId)}`;
}

/** The document page opened at one annotation (its passage highlighted, its thread open). */
export function annotationPageUrl(origin: string, documentId: string, annotationId: string): string {
  return `${documentPageUrl(origin, documentId)}?a=${encodeURIComponent(annotationId)}`;
}

/** The review of one claim: its annotation's page, scrolled to the claim review panel. */
export function claimReviewUrl(origin: string, documentId: string, annotationId: string): string {
  return `${annotationPageUrl(origin, documentId, annotationId)}#claim-review-${encodeURIComponent(annotationId)}`;
}

/** The document page at one version: the IRI of that version's text, which JSON-LD selectors refer to. */
export function documentVersionUrl(origin: string, documentId: string, version: number): string {
  return `${documentPageUrl(origin, documentId)}?version=${version}`;
}
