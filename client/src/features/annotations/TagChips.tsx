/** Tags as small coloured chips (full path in the title). */
import type { CSSProperties } from "react";
import type { TagDto } from "../../../../common/annotations.ts";

export function TagChips({ tagIds, tagsById }: { tagIds: string[]; tagsById: Map<string, TagDto> }) {
  if (tagIds.length === 0) return null;
  return (
    <span className="tag-chips">
      {tagIds.map((id) => {
        const t = tagsById.get(id);
        return (
          <span key={id} className="tag-chip" style={{ "--tag": t?.color ?? "#7c8da6" } as CSSProperties} title={t?.path}>
            {t?.name ?? "unknown tag"}
          </span>
        );
      })}
    </span>
  );
}
