/** Supports / disputes / questions / no stance, as a radio group. */
import { STANCES, type Stance } from "../../../../common/annotations.ts";
import { STANCE_LABELS } from "../annotations/labels.ts";

export function StancePicker({ name, value, onChange }: { name: string; value: Stance; onChange(s: Stance): void }) {
  return (
    <fieldset className="stance-picker">
      <legend>Stance</legend>
      {STANCES.map((s) => (
        <label key={s} className={`stance-option stance-${s}`}>
          <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
          {STANCE_LABELS[s]}
        </label>
      ))}
    </fieldset>
  );
}
