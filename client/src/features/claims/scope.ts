/** What the claims dashboard needs besides the claims: the workspace (role, abilities), document, members, tags. */
import type { TagDto } from "../../../../common/annotations.ts";
import type { DocumentDto } from "../../../../common/documents.ts";
import type { MemberDto } from "../../../../common/workspaces.ts";
import { api } from "../../api/http.ts";
import type { WorkspaceWithAbilities } from "../workspaces/types.ts";
import type { ClaimsScope } from "./use-claims.ts";

/** The API sends the document's event log position with it (docs/api.md, `document`). */
export type ScopeDocument = DocumentDto & { lastSeq: number };

export interface ScopeInfo {
  workspace: WorkspaceWithAbilities;
  document: ScopeDocument | null;
  members: MemberDto[];
  tags: TagDto[];
}

export async function loadScope(scope: ClaimsScope): Promise<ScopeInfo> {
  let workspaceId = scope.id;
  let document: ScopeDocument | null = null;
  if (scope.kind === "document") {
    document = (await api.get<{ document: ScopeDocument }>(`/documents/${encodeURIComponent(scope.id)}`)).document;
    workspaceId = document.workspaceId;
  }
  const w = encodeURIComponent(workspaceId);
  const [ws, members, tags] = await Promise.all([
    api.get<{ workspace: WorkspaceWithAbilities }>(`/workspaces/${w}`),
    api.get<{ members: MemberDto[] }>(`/workspaces/${w}/members`),
    api.get<{ tags: TagDto[] }>(`/workspaces/${w}/tags`),
  ]);
  return { workspace: ws.workspace, document, members: members.members, tags: tags.tags };
}
