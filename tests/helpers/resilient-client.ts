/**
 * A client that survives a node's death the way the browser does: on disconnect it connects
 * to another node, rejoins with lastSeq (missed events are replayed) and resends every
 * mutation not yet acknowledged, with the same clientMutationId.
 */
import { randomUUID } from "node:crypto";
import type { AnnotationDto, AnnotationCreateInput } from "../../common/annotations.ts";
import type { AckResult } from "../../common/realtime.ts";
import { pause } from "./eventually.ts";
import { DocumentFeed } from "./realtime-client.ts";
import type { HttpClient } from "./http-client.ts";
import { handshake, type ClientSocket } from "./sockets.ts";

/**
 * The pause before trying the next node after a failed handshake: the browser's reconnection
 * delay (client/src/realtime/socket.ts, 300 ms at first), shortened to keep the tests quick.
 */
const RECONNECT_DELAY_MS = 100;

export class ResilientClient {
  socket: ClientSocket | null = null;
  feed: DocumentFeed | null = null;
  readonly outbox = new Map<string, AnnotationCreateInput>();
  readonly acked = new Map<string, AnnotationDto>();
  private waiters = new Map<string, () => void>();
  private next = 0;
  private closed = false;
  /** Which node each (re)connection reached, in order. */
  readonly connections: string[] = [];

  constructor(
    private readonly user: HttpClient,
    private readonly urls: string[],
    private readonly documentId: string,
  ) {}

  async start(): Promise<void> {
    await this.connectSomewhere();
  }

  private async connectSomewhere(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const url = this.urls[(this.next + attempt) % this.urls.length]!;
      const socket: ClientSocket = this.user.at(url, { socketTimeoutMs: 2000 }).connect();
      if (!(await handshake(socket)).connected) {
        socket.close();
        // Like the browser, a node that is down is not asked again at once.
        await pause(RECONNECT_DELAY_MS);
        continue;
      }
      this.next = (this.next + attempt) % this.urls.length;
      this.socket = socket;
      this.connections.push(url);
      socket.on("disconnect", () => {
        if (!this.closed) void this.connectSomewhere();
      });
      socket.on("realtime:resync", () => void this.feed?.sync());
      if (this.feed) await this.feed.rejoin(socket);
      else {
        this.feed = new DocumentFeed(socket, this.documentId);
        await this.feed.join();
      }
      for (const [id, input] of this.outbox) this.send(id, input);
      return;
    }
  }

  private send(id: string, input: AnnotationCreateInput): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const timed = socket.timeout(3000) as unknown as { emitWithAck(ev: string, p: unknown): Promise<AckResult<AnnotationDto>> };
    timed.emitWithAck("annotation:create", input).then(
      (ack) => {
        if (!ack.ok) throw new Error(`create refused: ${JSON.stringify(ack.error)}`);
        this.acked.set(id, ack.result);
        this.outbox.delete(id);
        this.waiters.get(id)?.();
      },
      () => {
        /* no ack (node died or timed out): it stays in the outbox and is resent after reconnecting */
      },
    );
  }

  /** Queues a create; resolves once the server acknowledged it (possibly after a failover). */
  create(input: Omit<AnnotationCreateInput, "clientMutationId">): Promise<void> {
    const id = randomUUID();
    const full = { ...input, clientMutationId: id } as AnnotationCreateInput;
    this.outbox.set(id, full);
    const done = new Promise<void>((resolve) => this.waiters.set(id, resolve));
    this.send(id, full);
    return done;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}
