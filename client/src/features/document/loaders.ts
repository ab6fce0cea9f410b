/** Everything the document screen needs, fetched with as much overlap as the API allows. */
import type { AnnotationDto, TagDto } from "../../../../common/annotations.ts";
import type { DocumentDto, ParagraphDto } from "../../../../common/documents.ts";
import type { MemberDto, Role } from "../../../../common/workspaces.ts";
import { api } from "../../api/http.ts";
import type { WorkspaceWithAbilities } from "../workspaces/types.ts";

export interface AnnotationsSnapshotDto {
  annotations: AnnotationDto[];
  seq: number;
}

export interface DocumentData {
  document: DocumentDto;
  role: Role;
  paragraphs: ParagraphDto[];
  workspace: WorkspaceWithAbilities;
  tags: TagDto[];
  members: MemberDto[];
  /**
   * The annotations (with threads) and the log position they reflect. The heaviest read by far,
   * so the screen does not wait for it: the article shows first, highlights follow.
   */
  annotations: Promise<AnnotationsSnapshotDto>;
}

export async function loadDocument(id: string): Promise<DocumentData> {
  const doc = await api.get<{ document: DocumentDto; role: Role; paragraphs: ParagraphDto[] }>(`/documents/${id}`);
  const wid = doc.document.workspaceId;
  // Asked for after the small reads, so they are not queued behind it on the server.
  const small = Promise.all([
    api.get<{ workspace: WorkspaceWithAbilities }>(`/workspaces/${wid}`),
    api.get<{ tags: TagDto[] }>(`/workspaces/${wid}/tags`),
    api.get<{ members: MemberDto[] }>(`/workspaces/${wid}/members`),
  ]);
  const annotations = api.get<AnnotationsSnapshotDto>(`/documents/${id}/annotations`);
  annotations.catch(() => undefined);
  const [ws, tags, members] = await small;
  return { ...doc, workspace: ws.workspace, tags: tags.tags, members: members.members, annotations };
}
