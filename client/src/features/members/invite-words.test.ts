import { describe, expect, it } from "vitest";
import { creatorName, invitableRoles, inviteTerms, inviteUrl } from "./invite-words.ts";

describe("members page words", () => {
  it("says an invite is single use and when it expires", () => {
    const words = inviteTerms("2026-03-12T14:05:00Z", "en-GB");
    expect(words.startsWith("single use, expires ")).toBe(true);
    expect(words).toContain("2026");
  });

  it("offers only roles up to one's own", () => {
    expect(invitableRoles("owner")).toEqual(["owner", "editor", "analyst", "viewer"]);
    expect(invitableRoles("editor")).toEqual(["editor", "analyst", "viewer"]);
    expect(invitableRoles("analyst")).toEqual([]);
  });

  it("names who made an invite", () => {
    const members = new Map([["u2", { displayName: "Ana Lee" }]]);
    expect(creatorName("u1", members, "u1")).toBe("you");
    expect(creatorName("u2", members, "u1")).toBe("Ana Lee");
    expect(creatorName("u9", members, "u1")).toBe("a former member");
  });

  it("builds the invite page's address", () => {
    expect(inviteUrl("https://scholia.example", "abc_DEF-123")).toBe("https://scholia.example/invite/abc_DEF-123");
  });
});
