/** Lets parts of the screen hear what became of the person's own queued changes (the text editor). */
import type { ErrorBody } from "../../../../common/realtime.ts";
import type { MutationOutcome } from "../../realtime/document-session.ts";
import type { OutboxEntry } from "../../realtime/outbox.ts";

export interface MutationListener {
  accepted?(outcome: MutationOutcome): void;
  refused?(entry: OutboxEntry, error: ErrorBody): void;
}

export class MutationResults {
  private listeners = new Set<MutationListener>();

  subscribe = (listener: MutationListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  accepted(outcome: MutationOutcome): void {
    for (const l of this.listeners) l.accepted?.(outcome);
  }

  refused(entry: OutboxEntry, error: ErrorBody): void {
    for (const l of this.listeners) l.refused?.(entry, error);
  }
}
