/** The workspace's members, read again whenever the log says membership changed. */
import type { MemberDto } from "../../../../common/workspaces.ts";
import { api } from "../../api/http.ts";
import { useLoad, type Loaded } from "../../app/use-load.ts";
import { useRefreshOnLog, useWorkspace } from "../workspaces/workspace-context.ts";

export function useMembers(): Loaded<MemberDto[]> & { reload(): void } {
  const { workspace } = useWorkspace();
  const members = useLoad(() => api.get<{ members: MemberDto[] }>(`/workspaces/${encodeURIComponent(workspace.id)}/members`).then((r) => r.members), [workspace.id]);
  useRefreshOnLog(members.reload, (e) => e.type.startsWith("member.") || e.type === "invite.accepted");
  return members;
}

/** Members by id, for naming people an entry or an invite refers to. */
export function membersById(members: Loaded<MemberDto[]>): Map<string, MemberDto> {
  return new Map(members.status === "ready" ? members.data.map((m) => [m.userId, m]) : []);
}
