/** The typed Socket.IO connection to the API's own origin (the session cookie authenticates it). */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../common/realtime.ts";

export type ScholiaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function openSocket(): ScholiaSocket {
  return io({
    path: "/socket.io",
    transports: ["websocket"],
    withCredentials: true,
    reconnectionDelay: 300,
    reconnectionDelayMax: 3000,
    autoConnect: false,
  });
}
