/** Choose tags from the workspace's vocabulary: a filterable list of checkboxes, by path. */
import { useMemo, useState } from "react";
import type { TagDto } from "../../../../common/annotations.ts";

export function TagPicker({ tags, selected, onChange, idPrefix }: { tags: TagDto[]; selected: string[]; onChange(ids: string[]): void; idPrefix: string }) {
  const [query, setQuery] = useState("");
  const usable = useMemo(() => tags.filter((t) => !t.archived).sort((a, b) => a.path.localeCompare(b.path)), [tags]);
  const q = query.trim().toLowerCase();
  const shown = q ? usable.filter((t) => t.path.toLowerCase().includes(q)) : usable;
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));

  if (usable.length === 0) return <p className="muted">This workspace has no tags yet.</p>;
  return (
    <fieldset className="tag-picker">
      <legend>Tags</legend>
      {usable.length > 8 && (
        <>
          <label htmlFor={`${idPrefix}-tag-filter`} className="visually-hidden">
            Find a tag
          </label>
          <input id={`${idPrefix}-tag-filter`} type="search" placeholder="Find a tag" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        </>
      )}
      <ul>
        {shown.map((t) => {
          const depth = t.path.split(" > ").length - 1;
          const id = `${idPrefix}-tag-${t.id}`;
          return (
            <li key={t.id} className={`tag-option depth-${Math.min(depth, 3)}`}>
              <input id={id} type="checkbox" checked={selected.includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
              <label htmlFor={id} title={t.description || t.path}>
                <span className="tag-swatch" style={{ backgroundColor: t.color }} aria-hidden="true" />
                {t.path}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
