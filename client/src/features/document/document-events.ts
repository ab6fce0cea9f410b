/** Lets parts of the screen hear every document event the session applies (the activity panel). */
import type { DocumentEventDto } from "../../../../common/events.ts";

export type DocumentEventListener = (e: DocumentEventDto) => void;

/** A set of listeners; `subscribe` is bound so it can be passed around as is. */
export class DocumentEvents {
  private listeners = new Set<DocumentEventListener>();

  subscribe = (listener: DocumentEventListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  emit(e: DocumentEventDto): void {
    for (const l of this.listeners) l(e);
  }
}
