/** The per-document event log's wire shape: every committed change, gap-free by seq. */
export interface DocumentEventDto {
  documentId: string;
  seq: number;
  type: string;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: string;
  payload: unknown;
}
