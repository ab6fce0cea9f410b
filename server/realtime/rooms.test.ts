import { describe, expect, it } from "vitest";
import { allWorkspaceRooms, colorFor, PALETTE, workspaceAudienceRoom, workspaceRoom, workspaceRoomsFor } from "./rooms.ts";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("presence colours", () => {
  it("carry white initials at WCAG AA contrast, every one of them", () => {
    for (const c of PALETTE) expect({ c, ratio: 1.05 / (luminance(c) + 0.05) >= 4.5 }).toEqual({ c, ratio: true });
  });

  it("are stable per user and spread over the palette", () => {
    expect(colorFor("u_abc")).toBe(colorFor("u_abc"));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => colorFor(`u_${i}`)));
    expect(seen.size).toBe(PALETTE.length);
  });
});

describe("workspace rooms", () => {
  it("a member's sockets join the rooms of their role and every role below; an event's room is its lowest reader's", () => {
    expect(workspaceRoomsFor("w_1", "viewer")).toEqual(["ws:w_1"]);
    expect(workspaceRoomsFor("w_1", "editor").sort()).toEqual(["ws:w_1", "ws:w_1:analyst", "ws:w_1:editor"]);
    expect(workspaceRoomsFor("w_1", "owner").sort()).toEqual(allWorkspaceRooms("w_1").sort());
    expect(workspaceAudienceRoom("w_1", "viewer")).toBe(workspaceRoom("w_1"));
    // Every role's rooms include the room of each role it outranks, so one emit reaches them all.
    expect(workspaceRoomsFor("w_1", "owner")).toContain(workspaceAudienceRoom("w_1", "editor"));
    expect(workspaceRoomsFor("w_1", "analyst")).not.toContain(workspaceAudienceRoom("w_1", "editor"));
  });
});
