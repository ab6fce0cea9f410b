/** The typed Socket.IO server and socket, what each socket carries, and the realtime options. */
import type { Server, ServerOptions, Socket } from "socket.io";
import type { SessionUser } from "../auth/passport.ts";
import type { ClientToServerEvents, PresenceMember, ServerToClientEvents } from "../../common/realtime.ts";
import type { PresenceBudget } from "./presence-gate.ts";

export interface SocketData {
  user: SessionUser;
  color: string;
  /** The express-session id the socket was opened with (ended sessions end their sockets). */
  sid: string | null;
  /** documentId -> workspaceId of the documents this socket has joined. */
  docs: Record<string, string>;
  /** documentId -> current selection (presence). */
  selections: Record<string, PresenceMember["selection"]>;
  /** Workspaces whose log this socket follows (workspace:join). */
  workspaces: Record<string, true>;
}

export type ScholiaServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ScholiaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
  /** Messages a socket may send in a burst, and refill per second. */
  burst?: number;
  perSecond?: number;
  /** Replay page size when a client joins far behind. */
  replayPage?: number;
  /** Cross-node adapter (Redis streams) when several nodes serve the same documents. */
  adapter?: ServerOptions["adapter"];
  /** Open sockets one user may hold on this node. */
  maxSocketsPerUser?: number;
  /** Sockets joined to one document on this node. */
  maxSocketsPerDocument?: number;
  /** How many presence deliveries a user and a document may cause per second. */
  presence?: Partial<PresenceBudget>;
  /** How often sockets are checked against their session (expired or removed sessions end them). */
  sessionCheckMs?: number;
}

/** The limits every socket server runs with: RealtimeOptions over these defaults. */
export interface RealtimeLimits {
  burst: number;
  perSecond: number;
  replayPage: number;
  maxSocketsPerUser: number;
  maxSocketsPerDocument: number;
  sessionCheckMs: number;
}

export const REALTIME_DEFAULTS: RealtimeLimits = {
  burst: 120,
  perSecond: 60,
  replayPage: 200,
  maxSocketsPerUser: 20,
  maxSocketsPerDocument: 500,
  sessionCheckMs: 60_000,
};
