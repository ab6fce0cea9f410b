/**
 * One line per measured figure, the same shape in every server bench:
 * `<figure> value=<x> baseline=<y> ratio=<r> target<=<t> MET|MISSED`. The ratio is value/baseline
 * (both measured in the same run); the target applies to the ratio unless `targetOn` says value.
 */
export interface Figure {
  name: string;
  value: number;
  baseline: number;
  /** The largest acceptable number (ratio, or value when targetOn is "value"); null: reported, no target. */
  target: number | null;
  targetOn?: "ratio" | "value";
  unit?: string;
  /** Extra context printed after the verdict. */
  note?: string;
  /** Set when the measurement itself went wrong: the figure is MISSED, with this reason. */
  unusable?: string;
}

const num = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : String(n));

/** Prints the figure's line; returns whether its target was met. */
export function report(f: Figure): boolean {
  const ratio = f.value / f.baseline;
  const judged = f.targetOn === "value" ? f.value : ratio;
  const u = f.unit ?? "";
  if (f.target === null) {
    console.log(`${f.name} value=${num(f.value)}${u} baseline=${num(f.baseline)}${u} ratio=${ratio.toFixed(2)} target<=none REPORTED${f.note ? ` (${f.note})` : ""}`);
    return true;
  }
  const met = !f.unusable && Number.isFinite(judged) && judged <= f.target;
  console.log(
    `${f.name} value=${num(f.value)}${u} baseline=${num(f.baseline)}${u} ratio=${ratio.toFixed(2)} target<=${num(f.target)}${f.targetOn === "value" ? u : ""} ${met ? "MET" : "MISSED"}${f.unusable ? ` (${f.unusable})` : ""}${f.note ? ` (${f.note})` : ""}`,
  );
  return met;
}
