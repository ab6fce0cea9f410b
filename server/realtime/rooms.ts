/** Room names, in one place. */
export const docRoom = (documentId: string) => `doc:${documentId}`;
export const workspaceRoom = (workspaceId: string) => `ws:${workspaceId}`;
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
