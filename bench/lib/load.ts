/** Shared pieces of the realtime benchmarks: connecting many clients, a paced writer, percentiles. */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import type { DocumentEventDto } from "../../common/events.ts";
import { httpTransport, type HttpClient } from "../../tests/helpers/kit.ts";
import type { FanoutTrace } from "./fanout-trace.ts";

export const ORIGIN = "http://localhost:3000";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export const fmt = (n: number) => n.toFixed(1);

/** Connects `n` websocket clients in batches of 50. */
export async function connectAll(url: string, n: number, headers: Record<string, string>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () => {
        const s = connect(url, { transports: ["websocket"], extraHeaders: headers, forceNew: true, reconnection: false });
        sockets.push(s);
        return new Promise<void>((resolve, reject) => {
          s.once("connect", () => resolve());
          s.once("connect_error", reject);
        });
      }),
    );
  }
  return sockets;
}

export interface DocumentLoad {
  cookie: string;
  documentId: string;
  anchor: unknown;
}

/**
 * What the realtime benchmarks load, on the server at `url`: a signed-up user, a workspace, a
 * 50-paragraph document, and an anchor on its first paragraph.
 */
export async function prepareDocument(url: string): Promise<DocumentLoad & { user: HttpClient }> {
  const user = await httpTransport(url).signUp({ displayName: "Bench" });
  const { workspace } = await user.ok<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Bench" });
  const content = "Bench article\n\n" + Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says that alliances shift when costs rise sharply.`).join("\n\n");
  const { document } = await user.ok<{ document: { id: string } }>("POST", `/api/workspaces/${workspace.id}/documents`, { format: "txt", content });
  const { paragraphs } = await user.ok<{ paragraphs: Array<{ id: string; kind: string }> }>("GET", `/api/documents/${document.id}`);
  const p = paragraphs.find((x) => x.kind === "paragraph")!;
  return { user, cookie: user.cookie, documentId: document.id, anchor: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 9 } } };
}

/**
 * `clients` receivers spread over `receiverUrls` join the document; one writer on `writerUrl`
 * creates annotations at `rate`/s for `seconds`. Returns emit-to-receive latencies (ms) over
 * all receivers, and the size of one delivered event. `trace`, when given, is marked with each
 * event's emit and deliveries.
 */
export async function measureDocumentFanout(writerUrl: string, receiverUrls: string[], clients: number, load: DocumentLoad, rate: number, seconds: number, joinWave = 100, trace?: FanoutTrace) {
  const headers = { cookie: load.cookie, origin: ORIGIN };
  const receivers: Socket[] = [];
  for (let i = 0; i < receiverUrls.length; i++) {
    const share = Math.floor(clients / receiverUrls.length) + (i < clients % receiverUrls.length ? 1 : 0);
    receivers.push(...(await connectAll(receiverUrls[i]!, share, headers)));
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let payloadBytes = 0;
  let rejoins = 0;
  const join = async (s: Socket) => {
    // A refused join (e.g. the node busy with many joins at once) is tried again, at most 3 times.
    for (let attempt = 0; ; attempt++) {
      const ack = (await s.timeout(30_000).emitWithAck("document:join", { documentId: load.documentId, lastSeq: 1_000_000 })) as { ok: boolean; error?: unknown };
      if (ack.ok) break;
      if (attempt === 3) throw new Error(`join failed: ${JSON.stringify(ack.error)}`);
      rejoins++;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
    s.on("document:event", (e: DocumentEventDto) => {
      const t0 = e.clientMutationId ? sentAt.get(e.clientMutationId) : undefined;
      if (t0 !== undefined) latencies.push(performance.now() - t0);
      if (!payloadBytes) payloadBytes = Buffer.byteLength(JSON.stringify(e));
      if (trace && t0 !== undefined) trace.delivered(e.clientMutationId!);
    });
  };
  // Joins go in waves (each is an access check against the database, and reads the room's presence on every node).
  for (let i = 0; i < receivers.length; i += joinWave) await Promise.all(receivers.slice(i, i + joinWave).map(join));
  if (rejoins) console.log(`(${rejoins} refused joins were tried again)`);
  const [writer] = await connectAll(writerUrl, 1, headers);
  for (let i = 0; i < seconds * rate; i++) {
    const id = randomUUID();
    sentAt.set(id, performance.now());
    trace?.mark(id, "sent", sentAt.get(id));
    writer!.emit("annotation:create", { documentId: load.documentId, kind: "comment", body: `bench note ${i}`, anchor: load.anchor, clientMutationId: id }, () => {});
    await new Promise((r) => setTimeout(r, 1000 / rate));
  }
  await new Promise((r) => setTimeout(r, 1500));
  for (const s of [...receivers, writer!]) s.disconnect();
  return { latencies, payloadBytes, expected: seconds * rate * clients };
}
