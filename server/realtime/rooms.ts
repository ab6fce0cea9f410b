/** Room names, in one place. */
import { atLeast } from "../../common/policy.ts";
import { ROLES, type Role } from "../../common/workspaces.ts";

export const docRoom = (documentId: string) => `doc:${documentId}`;
/** Every member's sockets that follow the workspace (its log, or one of its documents). */
export const workspaceRoom = (workspaceId: string) => `ws:${workspaceId}`;

/**
 * The workspace's sockets whose member's role is `role` or higher: a workspace event goes to the
 * room of the lowest role that reads it (common/workspace-event-access.ts), the viewer's being
 * `workspaceRoom` itself.
 */
export const workspaceAudienceRoom = (workspaceId: string, role: Role) => (role === "viewer" ? workspaceRoom(workspaceId) : `ws:${workspaceId}:${role}`);

/** The rooms a socket of a member of role `role` joins to follow the workspace. */
export const workspaceRoomsFor = (workspaceId: string, role: Role): string[] => ROLES.filter((r) => atLeast(role, r)).map((r) => workspaceAudienceRoom(workspaceId, r));

/** Every room of the workspace's log (leaving them all stops the log). */
export const allWorkspaceRooms = (workspaceId: string): string[] => ROLES.map((r) => workspaceAudienceRoom(workspaceId, r));
/**
 * Puts a socket in exactly the workspace rooms of `role`: leaves those above it, joins the rest
 * (a role change, or a join that finds the role changed while it was joining).
 */
export function moveToRole(socket: { join(rooms: string[]): unknown; leave(room: string): unknown }, workspaceId: string, role: Role): void {
  const keep = new Set(workspaceRoomsFor(workspaceId, role));
  for (const room of allWorkspaceRooms(workspaceId)) if (!keep.has(room)) void socket.leave(room);
  void socket.join([...keep]);
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** Presence colours: each carries white initials at WCAG AA contrast (4.5:1 or more). */
export const PALETTE = ["#c03d0b", "#237032", "#1971c2", "#9c36b5", "#c2255c", "#0b7285", "#b35c00", "#5f3dc4", "#364fc7", "#087f5b"];

/** A stable presence colour for a user. */
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
