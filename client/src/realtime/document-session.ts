/**
 * One open document over the socket: joins with lastSeq (and again after every reconnect),
 * applies `document:event`s in seq order through the sequencer (asking `document:sync` for a
 * gap), tracks presence, and sends the outbox one entry at a time, in order.
 */
import type { DocumentEventDto } from "../../../common/events.ts";
import type { AckResult, ErrorBody, MutationMap, MutationName, PresenceMember, SelectionRange } from "../../../common/realtime.ts";
import { EventSequencer } from "./sequencer.ts";
import { newClientMutationId, type Outbox, type OutboxEntry } from "./outbox.ts";
import type { ScholiaSocket } from "./socket.ts";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "revoked";

export interface TypingMember {
  socketId: string;
  userId: string;
  displayName: string;
  annotationId: string;
}

export interface SessionSnapshot {
  state: ConnectionState;
  presence: PresenceMember[];
  typing: TypingMember[];
  /** Entries of this document waiting in the outbox. */
  waiting: number;
}

/** A queued mutation the server accepted, with its result typed by the mutation's name. */
export type MutationOutcome = {
  [N in MutationName]: { name: N; entry: Extract<OutboxEntry, { name: N }>; result: MutationMap[N]["result"] };
}[MutationName];

export interface SessionHandlers {
  onEvent(e: DocumentEventDto): void;
  /** A mutation the server accepted (its event follows or came already): switch on `outcome.name`. */
  onResult(outcome: MutationOutcome): void;
  /** A mutation the server refused for good; it has left the outbox. */
  onRejected(entry: OutboxEntry, error: ErrorBody): void;
}

type Input<N extends MutationName> = Omit<MutationMap[N]["input"], "clientMutationId">;

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;
const SELECTION_THROTTLE_MS = 120;
const TYPING_TTL_MS = 6_000;

/** A refusal that will not change by sending again (anything but rate limits and server trouble). */
function isFinal(error: ErrorBody): boolean {
  return error.status !== 429 && error.status < 500;
}

export class DocumentSession {
  private sequencer: EventSequencer<DocumentEventDto>;
  private snapshot: SessionSnapshot;
  private listeners = new Set<() => void>();
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private selectionTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingSelection: SelectionRange | null = null;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private cleanup: Array<() => void> = [];
  private joined = false;

  constructor(
    private readonly socket: ScholiaSocket,
    readonly documentId: string,
    initialSeq: number,
    private readonly outbox: Outbox,
    private readonly handlers: SessionHandlers,
  ) {
    this.sequencer = new EventSequencer<DocumentEventDto>(initialSeq, (e) => this.handlers.onEvent(e), (seq) => this.sync(seq));
    this.snapshot = { state: "connecting", presence: [], typing: [], waiting: outbox.list(documentId).length };
  }

  get seq(): number {
    return this.sequencer.seq;
  }

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    const s = this.socket;
    const handleConnect = () => this.join();
    const handleDisconnect = () => {
      this.joined = false;
      this.set({ state: navigator.onLine ? "reconnecting" : "offline", presence: [], typing: [] });
    };
    const handleConnectError = () => this.set({ state: navigator.onLine ? "reconnecting" : "offline" });
    s.on("connect", handleConnect);
    s.on("disconnect", handleDisconnect);
    s.on("connect_error", handleConnectError);
    this.cleanup.push(() => {
      s.off("connect", handleConnect);
      s.off("disconnect", handleDisconnect);
      s.off("connect_error", handleConnectError);
    });
    s.on("document:event", this.handleEvent);
    this.cleanup.push(() => s.off("document:event", this.handleEvent));
    s.on("presence:joined", this.handleJoined);
    s.on("presence:left", this.handleLeft);
    s.on("presence:selection", this.handleSelection);
    s.on("presence:typing", this.handleTyping);
    s.on("access:revoked", this.handleRevoked);
    this.cleanup.push(() => {
      s.off("presence:joined", this.handleJoined);
      s.off("presence:left", this.handleLeft);
      s.off("presence:selection", this.handleSelection);
      s.off("presence:typing", this.handleTyping);
      s.off("access:revoked", this.handleRevoked);
    });
    const goOffline = () => {
      // Some network stacks keep an open WebSocket through an outage; drop it so nothing is sent half-way.
      this.set({ state: "offline", presence: [], typing: [] });
      this.joined = false;
      s.disconnect();
    };
    const goOnline = () => {
      this.set({ state: "reconnecting" });
      s.connect();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    const onStorage = (e: StorageEvent) => {
      if (e.key !== this.outbox.key) return;
      this.outbox.refresh();
    };
    window.addEventListener("storage", onStorage);
    this.cleanup.push(() => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("storage", onStorage);
    });
    this.cleanup.push(this.outbox.subscribe(() => this.set({ waiting: this.outbox.list(this.documentId).length })));
    if (!navigator.onLine) this.set({ state: "offline" });
    else if (s.connected) this.join();
    else s.connect();
  }

  stop(): void {
    for (const fn of this.cleanup.splice(0)) fn();
    this.sequencer.dispose();
    for (const t of this.typingTimers.values()) clearTimeout(t);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    if (this.socket.connected && this.joined) this.socket.emit("document:leave", { documentId: this.documentId });
    this.listeners.clear();
  }

  /** Queues a mutation (persisted) and sends it as soon as the document is live. Returns its clientMutationId. */
  mutate<N extends MutationName>(name: N, input: Input<N>): string {
    const id = newClientMutationId();
    const entry = { id, name, documentId: this.documentId, input: { ...input, clientMutationId: id }, createdAt: Date.now() } as OutboxEntry;
    this.outbox.add(entry);
    void this.flush();
    return id;
  }

  /** Shares the current selection with the others (throttled; the last one always goes). */
  setSelection(selection: SelectionRange | null): void {
    this.pendingSelection = selection;
    if (this.selectionTimer) return;
    this.selectionTimer = setTimeout(() => {
      this.selectionTimer = null;
      if (this.joined) this.socket.emit("presence:selection", { documentId: this.documentId, selection: this.pendingSelection });
    }, SELECTION_THROTTLE_MS);
  }

  setTyping(annotationId: string, typing: boolean): void {
    if (this.joined) this.socket.emit("presence:typing", { documentId: this.documentId, annotationId, typing });
  }

  private set(patch: Partial<SessionSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private join() {
    this.set({ state: this.snapshot.state === "live" ? "live" : this.snapshot.state === "connecting" ? "connecting" : "reconnecting" });
    this.socket.timeout(ACK_TIMEOUT_MS).emit("document:join", { documentId: this.documentId, lastSeq: this.sequencer.seq }, (err, res) => {
      if (err) return this.socket.disconnect().connect();
      if (!res.ok) {
        this.set({ state: res.error.status === 404 || res.error.status === 403 ? "revoked" : "reconnecting" });
        return;
      }
      this.joined = true;
      this.sequencer.expect(res.seq);
      this.set({ state: "live", presence: res.presence.filter((m) => m.socketId !== this.socket.id) });
      if (this.pendingSelection) this.setSelection(this.pendingSelection);
      void this.flush();
    });
  }

  private sync(lastSeq: number) {
    if (!this.joined) return;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("document:sync", { documentId: this.documentId, lastSeq }, (err, res) => {
      if (err || !res.ok) return;
      for (const e of res.result.events) this.sequencer.push(e);
      this.sequencer.expect(res.result.seq);
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.joined) return;
    this.flushing = true;
    try {
      // The outbox is read again before each send: an entry queued while an earlier one waits for
      // its answer (the second paragraph of one Save) goes in this pass. Each entry goes once.
      const tried = new Set<string>();
      while (this.joined) {
        const entry = this.outbox.list(this.documentId).find((e) => !tried.has(e.id));
        if (!entry) break;
        tried.add(entry.id);
        const outcome = await this.send(entry);
        if (outcome === "retry") {
          this.scheduleRetry();
          break;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private send(entry: OutboxEntry): Promise<"done" | "retry"> {
    return new Promise((resolve) => {
      // The entry's name and input were typed together when it was queued.
      const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
        emit(name: string, input: unknown, ack: (err: Error | null, res: AckResult<unknown>) => void): void;
      };
      timed.emit(entry.name, entry.input, (err, res) => {
        if (err) return resolve("retry");
        if (res.ok) {
          this.outbox.remove(entry.id);
          // The ack answers the entry's own mutation, so its result has that mutation's type.
          this.handlers.onResult({ name: entry.name, entry, result: res.result } as MutationOutcome);
          return resolve("done");
        }
        if (!isFinal(res.error)) return resolve("retry");
        this.outbox.remove(entry.id);
        this.handlers.onRejected(entry, res.error);
        resolve("done");
      });
    });
  }

  private scheduleRetry() {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, RETRY_MS);
  }

  private handleEvent = (e: DocumentEventDto) => {
    if (e.documentId === this.documentId) this.sequencer.push(e);
  };

  private handleJoined = (p: { documentId: string; member: PresenceMember }) => {
    if (p.documentId !== this.documentId || p.member.socketId === this.socket.id) return;
    this.set({ presence: [...this.snapshot.presence.filter((m) => m.socketId !== p.member.socketId), p.member] });
  };

  private handleLeft = (p: { documentId: string; socketId: string }) => {
    if (p.documentId !== this.documentId) return;
    this.set({ presence: this.snapshot.presence.filter((m) => m.socketId !== p.socketId), typing: this.snapshot.typing.filter((t) => t.socketId !== p.socketId) });
  };

  private handleSelection = (p: { documentId: string; socketId: string; selection: SelectionRange | null }) => {
    if (p.documentId !== this.documentId) return;
    this.set({ presence: this.snapshot.presence.map((m) => (m.socketId === p.socketId ? { ...m, selection: p.selection } : m)) });
  };

  private handleTyping = (p: { documentId: string; socketId: string; userId: string; displayName: string; annotationId: string; typing: boolean }) => {
    if (p.documentId !== this.documentId) return;
    const key = `${p.socketId}:${p.annotationId}`;
    const old = this.typingTimers.get(key);
    if (old) clearTimeout(old);
    const rest = this.snapshot.typing.filter((t) => !(t.socketId === p.socketId && t.annotationId === p.annotationId));
    if (!p.typing) {
      this.typingTimers.delete(key);
      return this.set({ typing: rest });
    }
    // A lost "stopped typing" must not leave the note up for ever.
    this.typingTimers.set(
      key,
      setTimeout(() => this.handleTyping({ ...p, typing: false }), TYPING_TTL_MS),
    );
    this.set({ typing: [...rest, { socketId: p.socketId, userId: p.userId, displayName: p.displayName, annotationId: p.annotationId }] });
  };

  private handleRevoked = (p: { documentIds: string[] }) => {
    if (!p.documentIds.includes(this.documentId)) return;
    this.joined = false;
    this.set({ state: "revoked", presence: [], typing: [] });
  };
}
