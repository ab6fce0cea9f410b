/** What every part of the document screen shares: data, permissions, store, session, navigation. */
import { createContext, useContext } from "react";
import type { AnchorInput, PersonDto, TagDto } from "../../../../common/annotations.ts";
import type { MemberDto } from "../../../../common/workspaces.ts";
import type { MutationMap, MutationName } from "../../../../common/realtime.ts";
import type { BlockIndex, PosRange } from "../../editor/anchors.ts";
import type { AnnotationStore } from "../annotations/annotation-store.ts";
import type { Outbox } from "../../realtime/outbox.ts";
import type { DocumentSession } from "../../realtime/document-session.ts";
import type { DocumentEvents } from "./document-events.ts";
import type { DocumentData } from "./loaders.ts";
import type { TextEditing } from "../editing/use-text-editing.ts";

export interface DocumentContextValue {
  data: DocumentData;
  me: PersonDto;
  canAnnotate: boolean;
  canModerate: boolean;
  /** Editors and owners: change the text, upload a revised draft, decide suggestions. */
  canEdit: boolean;
  /** The text live, and editing mode. */
  text: TextEditing;
  /** The article's current selection as an anchor, or null. */
  selectionAnchor(): (AnchorInput & { quote: string }) | null;
  tagsById: Map<string, TagDto>;
  members: MemberDto[];
  store: AnnotationStore;
  outbox: Outbox;
  session: DocumentSession | null;
  index: BlockIndex | null;
  mutate<N extends MutationName>(name: N, input: Omit<MutationMap[N]["input"], "clientMutationId">): string;
  /** Every document event as the session applies it. */
  events: DocumentEvents;
  openThread(id: string, opts?: { focus?: boolean }): void;
  /** Scrolls the article to an annotation and outlines it, staying in the list. */
  preview(id: string): void;
  showInText(id: string): void;
  /** Puts the caret at a paragraph's start and scrolls there. */
  showParagraph(paragraphId: string): void;
  /** Selects a range of the article, scrolls to it and focuses the text. */
  selectInText(range: PosRange): void;
  backToList(): void;
  notify(message: string): void;
}

export const DocumentContext = createContext<DocumentContextValue | null>(null);

export function useDocument(): DocumentContextValue {
  const ctx = useContext(DocumentContext);
  if (!ctx) throw new Error("useDocument outside the document screen");
  return ctx;
}
