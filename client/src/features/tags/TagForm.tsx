/** Create or edit a tag: name, parent (by path; none = top level), colour, description. */
import { useState, type FormEvent } from "react";
import type { TagDto } from "../../../../common/annotations.ts";
import { TagNameSchema } from "../../../../common/annotations.ts";
import { targetsFor } from "./tag-tree.ts";

export interface TagFields {
  name: string;
  parentId: string | null;
  color: string;
  description: string;
}

export function TagForm(props: { idPrefix: string; tags: TagDto[]; tag?: TagDto; busy: boolean; submitLabel: string; onSubmit(f: TagFields): void; onCancel?(): void }) {
  const { idPrefix, tags, tag, busy, submitLabel, onSubmit, onCancel } = props;
  const [name, setName] = useState(tag?.name ?? "");
  const [parentId, setParentId] = useState<string | null>(tag?.parentId ?? null);
  const [color, setColor] = useState(tag?.color ?? "#7c8da6");
  const [description, setDescription] = useState(tag?.description ?? "");
  const [error, setError] = useState<string>();
  const parents = targetsFor(tags, tag?.id ?? null);
  const id = (s: string) => `${idPrefix}-${s}`;

  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = TagNameSchema.safeParse(name);
    if (!checked.success) return setError(`The name ${checked.error.issues[0]?.message ?? "is not valid"}.`);
    setError(undefined);
    onSubmit({ name: checked.data, parentId, color, description });
  }

  return (
    <form className="tag-form" onSubmit={handleSubmit} noValidate aria-label={tag ? `Edit tag ${tag.path}` : "New tag"}>
      <div className="field">
        <label htmlFor={id("name")}>Name</label>
        <input id={id("name")} value={name} maxLength={80} required aria-invalid={!!error} aria-describedby={id("error")} onChange={(e) => setName(e.currentTarget.value)} />
      </div>
      <div className="field">
        <label htmlFor={id("parent")}>Parent</label>
        <select id={id("parent")} value={parentId ?? ""} onChange={(e) => setParentId(e.currentTarget.value || null)}>
          <option value="">None (top level)</option>
          {parents.map((t) => (
            <option key={t.id} value={t.id}>
              {t.path}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-color">
        <label htmlFor={id("color")}>Colour</label>
        <input id={id("color")} type="color" value={color} onChange={(e) => setColor(e.currentTarget.value)} />
      </div>
      <div className="field field-wide">
        <label htmlFor={id("description")}>Description</label>
        <input id={id("description")} value={description} maxLength={500} onChange={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <p id={id("error")} className="field-error" role="alert" hidden={!error}>
        {error}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
