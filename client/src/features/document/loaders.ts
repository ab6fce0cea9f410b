/** Everything the document screen needs, fetched with as much overlap as the API allows. */
import type { AnnotationDto, ReplyDto, TagDto } from "../../../../common/annotations.ts";
import type { DocumentDto, ParagraphDto } from "../../../../common/documents.ts";
import type { MemberDto, Role } from "../../../../common/workspaces.ts";
import { api } from "../../api/http.ts";
import { decodeAnnotationList, type CompactAnnotationList } from "../../../../common/compact-list.ts";
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
   * The annotations (without replies: each carries its thread's size and tally) and the log
   * position they reflect. The heaviest read, so the screen does not wait for it: the article
   * shows first, highlights follow. Threads are fetched when opened.
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
  // The compact form (people, tags and paragraph ids listed once): a fraction of the bytes to
  // move and parse, decoded into the same annotations.
  const annotations = api.get<CompactAnnotationList>(`/documents/${id}/annotations?form=compact`).then(decodeAnnotationList);
  annotations.catch(() => undefined);
  const [ws, tags, members] = await small;
  return { ...doc, workspace: ws.workspace, tags: tags.tags, members: members.members, annotations };
}

/** One thread, oldest first (deleted replies as placeholders). */
export async function loadThread(annotationId: string): Promise<ReplyDto[]> {
  return (await api.get<{ replies: ReplyDto[] }>(`/annotations/${encodeURIComponent(annotationId)}/replies`)).replies;
}
