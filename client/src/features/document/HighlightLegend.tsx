/** What the highlights' colours and icons mean: the kinds, and each claim state with its icon. */
import type { CSSProperties } from "react";
import { css, CLAIM_LEGEND, highlightBackground, TONE_COLORS, type HighlightTone } from "../../editor/highlight-palette.ts";
import { ClaimStateIcon } from "../review/status.tsx";

function Swatch({ tone }: { tone: HighlightTone }) {
  return (
    <span className="legend-swatch" style={{ "--anno-bg": css(highlightBackground(tone, 1)), "--anno-line": css(TONE_COLORS[tone]) } as CSSProperties} aria-hidden="true">
      Aa
    </span>
  );
}

export function HighlightLegend() {
  return (
    <details className="highlight-legend">
      <summary>Legend</summary>
      <div className="legend-body">
        <h3 className="legend-heading">Highlights</h3>
        <ul className="legend-list">
          <li>
            <Swatch tone="comment" /> Comment
          </li>
          <li>
            <Swatch tone="highlight" /> Highlight
          </li>
        </ul>
        <h3 className="legend-heading">Claims, by review state</h3>
        <ul className="legend-list">
          {CLAIM_LEGEND.map((row) => (
            <li key={row.status} data-status={row.status}>
              <ClaimStateIcon status={row.status} />
              <Swatch tone={row.tone} /> {row.label}
            </li>
          ))}
        </ul>
        <p className="legend-note">Darker, double-underlined text is covered by several annotations; click it to choose one. A dashed underline is still being sent.</p>
      </div>
    </details>
  );
}
