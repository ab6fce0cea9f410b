/**
 * A webhook receiver on loopback port 0: it records every request (headers and the raw body)
 * and answers with the statuses a test queues (200 once the queue is empty).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The next answers, in order (status and body). */
  answer(...answers: Array<number | { status: number; body: string }>): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Array<{ status: number; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ path: req.url ?? "/", headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const next = queue.shift() ?? { status: 200, body: "ok" };
      res.writeHead(next.status, { "content-type": "text/plain" });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => queue.push(...answers.map((a) => (typeof a === "number" ? { status: a, body: `status ${a}` } : a))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
