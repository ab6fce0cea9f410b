/**
 * The door every client event comes through: rate limit (token bucket per socket), size
 * limit, then the handler, whose answer or refusal goes back through the ack with the REST
 * error shape. Handlers are typed per event: they receive the socket and the raw payload (they
 * validate it with the shared schema) and return exactly what that event's ack carries on success.
 */
import type { z } from "zod";
import type { ClientToServerEvents, ErrorBody, MutationMap, MutationName } from "../../../common/realtime.ts";
import type { MutationOutcome } from "../../modules/mutations/mutation.ts";
import { MAX_SOCKET_MESSAGE_BYTES } from "../../../common/realtime.ts";
import { HttpError } from "../../http/errors.ts";
import { parseInput } from "../../http/validate.ts";
import type { Logger } from "../../lib/logger.ts";
import { countRefusal, takeMessage } from "../socket-state.ts";
import type { ScholiaSocket } from "../socket-types.ts";

export type EventName = keyof ClientToServerEvents;

/** What an event's ack receives: the ack's argument type, or a bare `{ok, result: null}` when the event has none. */
export type AckOf<E extends EventName> = E extends EventName
  ? ClientToServerEvents[E] extends (p: never, ack: infer A) => void
    ? NonNullable<A> extends (r: infer R) => void
      ? R
      : { ok: true; result: null }
    : { ok: true; result: null }
  : never;

export type Handler<E extends EventName> = (socket: ScholiaSocket, payload: unknown) => Promise<AckOf<E>> | AckOf<E>;

/** Registers a typed, guarded handler for one event, for every socket. */
export type On = <E extends EventName>(event: E, handler: Handler<E>) => void;

/**
 * Registers the mutations, all at once: an event named in `names` runs `run(socket, name, payload)`,
 * and its ack is `{ ok: true, result, replayed }` with the runner's result for that mutation.
 */
export type OnMutation = (
  names: ReadonlySet<MutationName>,
  run: <K extends MutationName>(socket: ScholiaSocket, name: K, payload: unknown) => Promise<MutationOutcome<MutationMap[K]["result"]>>,
) => void;

export interface Guard {
  on: On;
  onMutation: OnMutation;
  /** Starts dispatching the socket's events to the registered handlers. */
  attach(socket: ScholiaSocket): void;
}

/** Refused messages after which a socket is cut off as abusive. */
const MAX_REFUSALS = 1_000;

function toErrorBody(e: unknown): ErrorBody | null {
  if (!(e instanceof HttpError)) return null;
  const body: ErrorBody = { status: e.status, code: e.code, message: e.message };
  if (e.field) body.field = e.field;
  if (e.details !== undefined) body.details = e.details;
  return body;
}

function byteLength(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args.filter((a) => typeof a !== "function")) ?? "");
  } catch {
    return Infinity;
  }
}

/**
 * The handlers are registered once for the whole server and take the socket as their first
 * argument; each socket gets the same listener. What a socket needs of its own (its message
 * budget, its replays) is in socket-state.ts, made on first use: sockets are many and mostly idle.
 */
export function createGuard(logger: Logger, limits: { burst: number; perSecond: number }): Guard {
  const handlers = new Map<string, (socket: ScholiaSocket, payload: unknown) => unknown>();
  let mutations: { names: ReadonlySet<string>; run: (socket: ScholiaSocket, name: MutationName, payload: unknown) => Promise<MutationOutcome<unknown>> } | null = null;

  const handle = async (socket: ScholiaSocket, name: string, payload: unknown): Promise<unknown> => {
    const handler = handlers.get(name);
    if (handler) return handler(socket, payload);
    const outcome = await mutations!.run(socket, name as MutationName, payload);
    return { ok: true, result: outcome.result, replayed: outcome.replayed };
  };

  const dispatch = (socket: ScholiaSocket, event: unknown, args: unknown[]) => {
    // A raw packet can name its event with anything (a number, nothing at all).
    const name = typeof event === "string" ? event : "";
    const last = args[args.length - 1];
    const answer = (r: unknown) => {
      if (typeof last === "function") last.call(undefined, r);
    };
    const refuse = (error: ErrorBody) => answer({ ok: false, error });
    if (!takeMessage(socket, limits)) {
      if (countRefusal(socket) > MAX_REFUSALS) socket.disconnect(true);
      return refuse({ status: 429, code: "rate_limited", message: "Too many messages; slow down" });
    }
    if (!handlers.has(name) && !mutations?.names.has(name)) return refuse({ status: 400, code: "unknown_event", message: `Unknown event ${JSON.stringify(name.slice(0, 60))}` });
    if (byteLength(args) > MAX_SOCKET_MESSAGE_BYTES) {
      return refuse({ status: 413, code: "payload_too_large", message: `Message is larger than ${MAX_SOCKET_MESSAGE_BYTES} bytes` });
    }
    const payload = args.length > 0 && typeof args[0] !== "function" ? args[0] : undefined;
    Promise.resolve()
      .then(() => handle(socket, name, payload))
      .then(answer, (e: unknown) => {
        const body = toErrorBody(e);
        if (body) return refuse(body);
        logger.error("socket handler failed", { event: name, userId: socket.data.user.id, err: e });
        refuse({ status: 500, code: "internal", message: "Something went wrong on our side" });
      })
      .catch((e: unknown) => logger.warn("socket ack failed", { event: name, err: e }));
  };

  // One listener for every event of every socket (socket.io calls it with the socket as `this`):
  // its arguments arrive untyped, exactly as the wire delivers them, and each is dispatched to the
  // handler registered for its name. Nothing a client sends may throw out of here: socket.io
  // would let it escape as an uncaught exception.
  function listener(this: ScholiaSocket, event: unknown, ...args: unknown[]) {
    try {
      dispatch(this, event, args);
    } catch (e) {
      logger.warn("socket message refused", { err: e });
    }
  }

  return {
    on: (event, handler) => {
      handlers.set(event, handler);
    },
    onMutation: (names, run) => {
      mutations = { names, run };
    },
    attach: (socket) => {
      socket.onAny(listener);
    },
  };
}

/** Parses a socket payload with its shared schema (a 400 naming the field under `payload`). */
export const parsePayload = <S extends z.ZodType>(schema: S, payload: unknown): z.output<S> => parseInput(schema, payload, "payload");
