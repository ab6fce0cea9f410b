/**
 * Claims per status and per tag as horizontal bars. Each chart is a real table (label, bar,
 * count), so screen readers read the numbers; the bars themselves are decoration.
 */
import type { CSSProperties } from "react";
import { CLAIM_STATUSES, type ClaimStatsDto } from "../../../../common/review.ts";
import { STATUS_LABELS } from "../review/status.tsx";
import { barShares } from "./bulk.ts";

interface Bar {
  key: string;
  label: string;
  count: number;
  color?: string;
  className?: string;
}

function BarTable({ id, title, bars, empty }: { id: string; title: string; bars: Bar[]; empty: string }) {
  const shares = barShares(bars.map((b) => b.count));
  return (
    <figure className="bar-chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="bar-table" aria-labelledby={id}>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{title.replace(/^Claims per /, "")}</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={b.key} data-key={b.key}>
                <th scope="row" title={b.label}>
                  {b.label}
                </th>
                <td>
                  <span className="bar-cell">
                    <span className="bar-track" aria-hidden="true">
                      <span className={`bar ${b.className ?? ""}`} style={{ width: `${(shares[i]! * 100).toFixed(1)}%`, ...(b.color ? ({ "--bar": b.color } as CSSProperties) : {}) }} />
                    </span>
                    <span className="bar-count" data-count={b.count}>
                      {b.count}
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

export function ClaimsChart({ stats }: { stats: ClaimStatsDto }) {
  const byStatus: Bar[] = CLAIM_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], count: stats.byStatus[s] ?? 0, className: `bar-status-${s}` }));
  const byTag: Bar[] = stats.byTag.slice(0, 12).map((t) => ({ key: t.id, label: t.path, count: t.count, color: t.color }));
  return (
    <section className="claims-charts" aria-label={`Claims overview: ${stats.total} matching`}>
      <BarTable id="chart-status" title="Claims per status" bars={byStatus} empty="No claims." />
      <BarTable id="chart-tag" title="Claims per tag" bars={byTag} empty="No tagged claims." />
      {stats.byTag.length > 12 && <p className="muted hint">The 12 most used tags of {stats.byTag.length}.</p>}
    </section>
  );
}
