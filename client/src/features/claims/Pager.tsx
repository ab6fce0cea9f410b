/** "Claims 26–50 of 132" with Previous / Next and the page size. */
import type { ClaimPageDto } from "../../../../common/review.ts";
import { PAGE_SIZES, type ClaimsView } from "./claims-query.ts";

export function Pager({ page, view, setView }: { page: ClaimPageDto; view: ClaimsView; setView(v: ClaimsView): void }) {
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.claims.length;
  return (
    <nav className="pager" aria-label="Pages of claims">
      <p aria-live="polite" className="pager-range">
        {page.total === 0 ? "No claims match." : `Claims ${first}–${last} of ${page.total}`}
      </p>
      <button type="button" disabled={page.offset === 0} onClick={() => setView({ ...view, offset: Math.max(0, page.offset - view.limit) })}>
        Previous page
      </button>
      <button type="button" disabled={page.nextOffset === null} onClick={() => page.nextOffset !== null && setView({ ...view, offset: page.nextOffset })}>
        Next page
      </button>
      <label htmlFor="claims-limit">Per page</label>
      <select id="claims-limit" value={view.limit} onChange={(e) => setView({ ...view, limit: Number(e.currentTarget.value), offset: 0 })}>
        {[...new Set([...PAGE_SIZES, view.limit])]
          .sort((a, b) => a - b)
          .map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
      </select>
    </nav>
  );
}
