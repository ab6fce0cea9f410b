/**
 * One attempt at one delivery: a signed POST with a deadline, and what came of it. The
 * connection goes only to addresses the guard accepted (address-guard.ts); redirects are not
 * followed; only the first characters of the response body are read and kept.
 */
import { createHmac } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { signedPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../../../common/webhooks.ts";
import { AddressRefusedError, guardedLookup, hostOf, isPublicAddress, systemResolve, type Resolve } from "./address-guard.ts";

/** Read at most this much of a response, keep at most EXCERPT_CHARS of it. */
const READ_LIMIT = 4096;
const EXCERPT_CHARS = 500;

export interface DeliveryRequest {
  url: string;
  /** The exact JSON sent. */
  body: string;
  secret: string;
  deliveryId: string;
  type: string;
}

export interface DeliveryOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolve;
  now?: () => Date;
}

export interface AttemptOutcome {
  ok: boolean;
  /** Worth trying again later: a network error, a timeout, 408, 429 or 5xx. */
  retry: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  excerpt: string | null;
  /** A 429's or 503's Retry-After, when it gave one. */
  retryAfterMs: number | null;
}

/** `sha256=<hex>` of the timestamp and the raw body. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(signedPayload(timestamp, body)).digest("hex")}`;
}

function retryAfter(res: IncomingMessage): number | null {
  const v = res.headers["retry-after"];
  if (typeof v !== "string") return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Printable text only: a response body is shown in the delivery log. */
function excerptOf(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const text = bytes.toString("utf8").replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g, "");
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Sends one delivery and reports what happened; never throws. */
export function deliver(req: DeliveryRequest, opts: DeliveryOptions): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, retry: boolean): AttemptOutcome => ({ ok: false, retry, status: null, error, durationMs: elapsed(), excerpt: null, retryAfterMs: null });
  const url = new URL(req.url);
  const host = hostOf(url);
  // An address literal never goes through the lookup below: check it here.
  if (!opts.allowPrivate && isIP(host) && !isPublicAddress(host)) {
    return Promise.resolve(failed(`refused: ${host} is a loopback, private, link-local or otherwise internal address`, false));
  }
  const timestamp = String(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000));
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const r = send(
      url,
      {
        method: "POST",
        lookup: guardedLookup(opts.allowPrivate, opts.resolve ?? systemResolve),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(req.body),
          "user-agent": "Scholia-Webhooks/1",
          "x-scholia-event": req.type,
          "x-scholia-delivery": req.deliveryId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(req.secret, timestamp, req.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          const retry = status === 408 || status === 429 || status >= 500;
          finish({ ok, retry: !ok && retry, status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed(), excerpt: excerptOf(Buffer.concat(chunks)), retryAfterMs: retryAfter(res) });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          if (size < READ_LIMIT) chunks.push(chunk.subarray(0, READ_LIMIT - size));
          size += chunk.length;
          if (size >= READ_LIMIT) done();
        });
        res.on("end", done);
        res.on("error", () => done());
      },
    );
    const timer = setTimeout(() => {
      finish(failed(`no answer within ${opts.timeoutMs} ms`, true));
      r.destroy();
    }, opts.timeoutMs);
    r.on("error", (e) => {
      if (e instanceof AddressRefusedError) finish(failed(`refused: ${e.message}`, false));
      else finish(failed(e.message || (e as NodeJS.ErrnoException).code || "network error", true));
    });
    r.end(req.body);
  });
}
