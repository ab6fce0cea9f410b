/** Everything the document screen needs, fetched with as much overlap as the API allows. */
import type { AnnotationDto, ReplyDto, TagDto } from "../../../../common/annotations.ts";
import type { DocumentDto, ParagraphDto } from "../../../../common/documents.ts";
import type { MemberDto, Role } from "../../../../common/workspaces.ts";
import { api } from "../../api/http.ts";
import type { CompactAnnotationList } from "../../../../common/compact-list.ts";
import { decodeAnnotationListInSteps } from "./decode-in-steps.ts";
import type { WorkspaceWithAbilities } from "../workspaces/types.ts";
import { documentReads } from "../../../../common/document-reads.ts";

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
  // The annotations (the heaviest read) are asked for at once, beside the document.
  const annotations = api.get<CompactAnnotationList>(documentReads.annotations(id)).then((c) => decodeAnnotationListInSteps(c));
  annotations.catch(() => undefined);
  const doc = await api.get<{ document: DocumentDto; role: Role; paragraphs: ParagraphDto[] }>(documentReads.document(id));
  const wid = doc.document.workspaceId;
  const [ws, tags, members] = await Promise.all([
    api.get<{ workspace: WorkspaceWithAbilities }>(documentReads.workspace(wid)),
    api.get<{ tags: TagDto[] }>(documentReads.tags(wid)),
    api.get<{ members: MemberDto[] }>(documentReads.members(wid)),
  ]);
  return { ...doc, workspace: ws.workspace, tags: tags.tags, members: members.members, annotations };
}

/** One thread, oldest first (deleted replies as placeholders). */
export async function loadThread(annotationId: string): Promise<ReplyDto[]> {
  return (await api.get<{ replies: ReplyDto[] }>(`/annotations/${encodeURIComponent(annotationId)}/replies`)).replies;
}
