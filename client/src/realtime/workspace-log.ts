/**
 * Follows one workspace's log over the socket: `workspace:join` (and again after every
 * reconnect, with the last seq applied, so what was missed is replayed), events applied in seq
 * order through the sequencer (a gap asks `workspace:sync`), and access revocation. The socket
 * is reached through a small `WorkspaceLink`, so the rules here are tested without a server.
 */
import type { WorkspaceEventDto } from "../../../common/events.ts";
import type { AckResult, WorkspaceJoinAck } from "../../../common/realtime.ts";
import { MAX_INT32 } from "../../../common/annotations.ts";
import { EventSequencer } from "./sequencer.ts";
import type { ScholiaSocket } from "./socket.ts";

export type LogState = "connecting" | "live" | "reconnecting" | "revoked";

type SyncAnswer = AckResult<{ events: WorkspaceEventDto[]; seq: number }>;

/** What the socket tells a followed log. */
export interface LinkHandlers {
  connected(): void;
  disconnected(): void;
  event(e: WorkspaceEventDto): void;
  /** The log moved past `seq` with an event this member does not read. */
  position(p: { workspaceId: string; seq: number }): void;
  /** The node lost its link to the others for a while: ask the log what was missed. */
  resync(): void;
  /** This user was removed from the workspace `workspaceId`. */
  revoked(workspaceId: string): void;
}

/** The socket as the log needs it. */
export interface WorkspaceLink {
  join(lastSeq: number): Promise<WorkspaceJoinAck>;
  sync(lastSeq: number): Promise<SyncAnswer>;
  listen(handlers: LinkHandlers): () => void;
  /** Connects; true when it was connected already (no `connected` call will follow). */
  open(): boolean;
  close(): void;
}

export interface LogHandlers {
  onEvent(e: WorkspaceEventDto): void;
  /** Joined again after a disconnection: anything not in this log (document events) may have been missed. */
  onRejoin?(): void;
  onRevoked?(): void;
}

/**
 * The first join asks for no replay: the workspace's own payload does not say where its log
 * stands, and a lastSeq past any seq makes the server replay nothing; its ack says where the
 * log is, and the sequencer starts there.
 */
export const FROM_NOW = MAX_INT32;

const ACK_TIMEOUT_MS = 10_000;

/** A link over a Socket.IO connection (acks time out after 10 s). */
export function socketLink(socket: ScholiaSocket, workspaceId: string): WorkspaceLink {
  return {
    join: (lastSeq) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("workspace:join", { workspaceId, lastSeq }),
    sync: (lastSeq) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("workspace:sync", { workspaceId, lastSeq }),
    listen(h) {
      const onResync = () => h.resync();
      const onRevoked = (p: { workspaceId: string }) => h.revoked(p.workspaceId);
      socket.on("connect", h.connected);
      socket.on("disconnect", h.disconnected);
      socket.on("workspace:event", h.event);
      socket.on("workspace:position", h.position);
      socket.on("realtime:resync", onResync);
      socket.on("access:revoked", onRevoked);
      return () => {
        socket.off("connect", h.connected);
        socket.off("disconnect", h.disconnected);
        socket.off("workspace:event", h.event);
        socket.off("workspace:position", h.position);
        socket.off("realtime:resync", onResync);
        socket.off("access:revoked", onRevoked);
      };
    },
    open() {
      if (socket.connected) return true;
      socket.connect();
      return false;
    },
    close() {
      if (socket.connected) socket.emit("workspace:leave", { workspaceId });
      socket.disconnect();
    },
  };
}

export class WorkspaceLog {
  private state: LogState = "connecting";
  private sequencer: EventSequencer<WorkspaceEventDto> | null = null;
  /** Events that came before the first join's ack said where the log stands. */
  private early: WorkspaceEventDto[] = [];
  /** Seqs passed over (events this member does not read) before that ack. */
  private earlyPositions: number[] = [];
  private joinedOnce = false;
  private joined = false;
  private listeners = new Set<() => void>();
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly link: WorkspaceLink,
    readonly workspaceId: string,
    private readonly handlers: LogHandlers,
    private readonly gapMs = 150,
  ) {}

  /** The seq of the last event applied (null before the first join). */
  get seq(): number | null {
    return this.sequencer?.seq ?? null;
  }

  getState = (): LogState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.unlisten = this.link.listen({
      connected: () => void this.join(),
      disconnected: () => {
        this.joined = false;
        if (this.state !== "revoked") this.setState("reconnecting");
      },
      event: (e) => this.receive(e),
      position: (p) => this.passed(p.workspaceId, p.seq),
      resync: () => {
        const seq = this.seq;
        if (seq !== null) void this.sync(seq);
      },
      revoked: (workspaceId) => {
        if (workspaceId !== this.workspaceId) return;
        this.revoke();
      },
    });
    if (this.link.open()) void this.join();
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.sequencer?.dispose();
    this.link.close();
  }

  private async join(): Promise<void> {
    if (this.state === "revoked") return;
    let ack: WorkspaceJoinAck;
    try {
      ack = await this.link.join(this.seq ?? FROM_NOW);
    } catch {
      // No answer in time: the next reconnection joins again.
      return this.setState("reconnecting");
    }
    if (!ack.ok) {
      if (ack.error.status === 404 || ack.error.status === 403) this.revoke();
      else this.setState("reconnecting");
      return;
    }
    this.joined = true;
    if (!this.sequencer) {
      this.sequencer = new EventSequencer<WorkspaceEventDto>(ack.seq, (e) => this.handlers.onEvent(e), (seq) => void this.sync(seq), this.gapMs);
      for (const e of this.early.splice(0)) this.sequencer.push(e);
      for (const seq of this.earlyPositions.splice(0)) this.sequencer.pass(seq);
    } else {
      this.sequencer.expect(ack.seq);
    }
    this.setState("live");
    if (this.joinedOnce) this.handlers.onRejoin?.();
    this.joinedOnce = true;
  }

  private receive(e: WorkspaceEventDto) {
    if (e.workspaceId !== this.workspaceId || this.state === "revoked") return;
    if (this.sequencer) this.sequencer.push(e);
    else this.early.push(e);
  }

  /** An event this member does not read took `seq`: nothing to wait for there. */
  private passed(workspaceId: string, seq: number) {
    if (workspaceId !== this.workspaceId || this.state === "revoked") return;
    if (this.sequencer) this.sequencer.pass(seq);
    else this.earlyPositions.push(seq);
  }

  private async sync(lastSeq: number): Promise<void> {
    if (!this.joined || !this.sequencer) return;
    let answer: SyncAnswer;
    try {
      answer = await this.link.sync(lastSeq);
    } catch {
      return;
    }
    if (!answer.ok) return;
    for (const e of answer.result.events) this.sequencer.push(e);
    // The answer looked through the log up to its seq: what this member does not read is not in it.
    this.sequencer.skipTo(answer.result.seq);
  }

  private revoke() {
    this.joined = false;
    this.setState("revoked");
    this.handlers.onRevoked?.();
  }

  private setState(state: LogState) {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.listeners) l();
  }
}
