/**
 * A thread's replies as a tree, with its heading ("3 replies": deleted ones are shown as
 * placeholders but never counted), the loading state and who is typing.
 */
import { useMemo } from "react";
import type { ThreadState } from "../annotations/annotation-store.ts";
import type { ReplyView } from "../document/pending.ts";
import { ReplyItem } from "./ReplyItem.tsx";

function byParent(replies: ReplyView[]): Map<string | null, ReplyView[]> {
  const known = new Set(replies.map((r) => r.id));
  const out = new Map<string | null, ReplyView[]>();
  for (const r of [...replies].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))) {
    const parent = r.parentId && known.has(r.parentId) ? r.parentId : null;
    out.set(parent, [...(out.get(parent) ?? []), r]);
  }
  return out;
}

const repliesWord = (n: number) => `${n} ${n === 1 ? "reply" : "replies"}`;

/** The heading over the replies; `count` is the server's count, `live` the replies here that are not deleted. */
export function repliesHeading(state: ThreadState, count: number, live: number): string {
  if (state === "loading" || state === "idle") return count === 0 ? "Loading replies…" : `Loading ${repliesWord(count)}…`;
  if (state === "error") return repliesWord(count);
  return live === 0 ? "No replies yet" : repliesWord(live);
}

export function ThreadReplies(props: { replies: ReplyView[]; state: ThreadState; count: number; canReply: boolean; onReplyTo(r: ReplyView): void }) {
  const { replies, state, count, canReply, onReplyTo } = props;
  const tree = useMemo(() => byParent(replies), [replies]);
  const live = replies.filter((r) => !r.deleted).length;

  const renderReplies = (parent: string | null, depth: number) => {
    const list = tree.get(parent);
    if (!list?.length) return null;
    return (
      <ol className={depth === 0 ? "replies" : "replies nested"}>
        {list.map((r) => (
          <li key={r.id}>
            <ReplyItem reply={r} onReply={canReply && !r.pending && !r.deleted ? () => onReplyTo(r) : undefined} />
            {renderReplies(r.id, depth + 1)}
          </li>
        ))}
      </ol>
    );
  };

  return (
    <>
      <h3 className="replies-heading">{repliesHeading(state, count, live)}</h3>
      {renderReplies(null, 0)}
    </>
  );
}
