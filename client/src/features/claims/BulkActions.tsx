/**
 * One action over the selected claims (POST …/claims/bulk, all or nothing): set a status (with
 * a rationale for a verdict), assign, add or remove a tag. Only the actions the caller's role
 * may take are offered; the answer (or the refusal, naming the claim that stopped it) is
 * announced.
 */
import { useState, type FormEvent } from "react";
import type { TagDto } from "../../../../common/annotations.ts";
import { CLAIM_STATUSES, isVerdict, type ClaimsBulkResultDto, type ClaimStatus } from "../../../../common/review.ts";
import type { MemberDto } from "../../../../common/workspaces.ts";
import { api, ApiError } from "../../api/http.ts";
import { newClientMutationId } from "../../realtime/outbox.ts";
import { AssigneePicker } from "../review/AssigneePicker.tsx";
import { STATUS_LABELS } from "../review/status.tsx";
import type { Abilities } from "../workspaces/types.ts";
import { bulkSummary } from "./bulk.ts";
import { claimsBase, type ClaimsScope } from "./use-claims.ts";

type Action = "setStatus" | "assign" | "addTag" | "removeTag";

const ACTION_LABELS: Record<Action, string> = { setStatus: "Set status", assign: "Assign", addTag: "Add tag", removeTag: "Remove tag" };

export function BulkActions(props: { scope: ClaimsScope; selectedIds: string[]; abilities: Abilities; members: MemberDto[]; tags: TagDto[]; meId: string; onDone(): void }) {
  const { scope, selectedIds, abilities, members, tags, meId, onDone } = props;
  const actions = (["setStatus", "assign", "addTag", "removeTag"] as const).filter((a) =>
    a === "setStatus" ? abilities["annotation.create"] : a === "assign" ? abilities["claim.assign"] : abilities["tag.apply"],
  );
  const [action, setAction] = useState<Action>(actions[0] ?? "setStatus");
  const [status, setStatus] = useState<ClaimStatus>("in_review");
  const [rationale, setRationale] = useState("");
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [tagId, setTagId] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const usable = tags.filter((t) => !t.archived).sort((a, b) => a.path.localeCompare(b.path));
  // Analysts may only move their own claims, and never to a verdict: offer what the role could do.
  const statuses = abilities["claim.decide"] ? CLAIM_STATUSES : CLAIM_STATUSES.filter((s) => s === "open" || s === "in_review" || s === "retracted");

  if (actions.length === 0) return null;
  const n = selectedIds.length;

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (n === 0) return setResult({ ok: false, message: "Select at least one claim first." });
    let body: Record<string, unknown>;
    if (action === "setStatus") {
      if (isVerdict(status) && !rationale.trim()) return setResult({ ok: false, message: "A verdict needs a rationale." });
      body = { action, status, ...(rationale.trim() ? { rationale: rationale.trim() } : {}) };
    } else if (action === "assign") body = { action, assigneeId };
    else {
      if (!tagId) return setResult({ ok: false, message: "Pick a tag first." });
      body = { action, tagId };
    }
    setBusy(true);
    setResult(null);
    try {
      const r = await api.post<ClaimsBulkResultDto>(`${claimsBase(scope)}/bulk`, { ...body, annotationIds: selectedIds, clientMutationId: newClientMutationId() });
      const names = {
        status: STATUS_LABELS[status].toLowerCase(),
        assignee: assigneeId ? members.find((m) => m.userId === assigneeId)?.displayName : undefined,
        tag: tags.find((t) => t.id === tagId)?.path,
      };
      setResult({ ok: true, message: bulkSummary(r, names) });
      if (action === "setStatus") setRationale("");
      onDone();
    } catch (err) {
      setResult({ ok: false, message: `Nothing was changed: ${err instanceof ApiError ? err.message : "the request failed"}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bulk-actions" aria-label="Act on the selected claims" onSubmit={(e) => void handleSubmit(e)}>
      <p className="bulk-count" aria-live="polite">
        <strong>{n}</strong> {n === 1 ? "claim" : "claims"} selected
      </p>
      <span className="bulk-field">
        <label htmlFor="bulk-action">Action</label>
        <select id="bulk-action" value={action} onChange={(e) => setAction(e.currentTarget.value as Action)}>
          {actions.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </span>
      {action === "setStatus" && (
        <>
          <span className="bulk-field">
            <label htmlFor="bulk-status">New status</label>
            <select id="bulk-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ClaimStatus)}>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </span>
          {(isVerdict(status) || rationale) && (
            <span className="bulk-field">
              <label htmlFor="bulk-rationale">Rationale{isVerdict(status) ? " (required for a verdict)" : ""}</label>
              <input id="bulk-rationale" value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} />
            </span>
          )}
        </>
      )}
      {action === "assign" && <AssigneePicker id="bulk-assignee" label="Assign to" members={members} value={assigneeId} meId={meId} onChange={setAssigneeId} />}
      {(action === "addTag" || action === "removeTag") && (
        <span className="bulk-field">
          <label htmlFor="bulk-tag">Tag</label>
          <select id="bulk-tag" value={tagId} onChange={(e) => setTagId(e.currentTarget.value)}>
            <option value="">Choose a tag…</option>
            {(action === "addTag" ? usable : [...tags].sort((a, b) => a.path.localeCompare(b.path))).map((t) => (
              <option key={t.id} value={t.id}>
                {t.path}
              </option>
            ))}
          </select>
        </span>
      )}
      <button type="submit" className="primary" disabled={busy || n === 0}>
        {busy ? "Applying…" : `Apply to ${n} ${n === 1 ? "claim" : "claims"}`}
      </button>
      <p className="bulk-result" role="status">
        {result?.ok ? result.message : ""}
      </p>
      <p className="form-error" role="alert">
        {result && !result.ok ? result.message : ""}
      </p>
    </form>
  );
}
