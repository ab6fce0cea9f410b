import { describe, expect, it } from "vitest";
import { matchRoute } from "./router.tsx";

describe("matchRoute: workspace pages", () => {
  it("maps each workspace path to its tab and keeps the query", () => {
    expect(matchRoute("/w/w1")).toEqual({ name: "workspace", id: "w1", tab: "overview", search: "" });
    expect(matchRoute("/w/w1/members")).toEqual({ name: "workspace", id: "w1", tab: "members", search: "" });
    expect(matchRoute("/w/w1/search?q=treaty&document=d1")).toEqual({ name: "workspace", id: "w1", tab: "search", search: "?q=treaty&document=d1" });
    expect(matchRoute("/w/w1/audit")).toEqual({ name: "workspace", id: "w1", tab: "audit", search: "" });
    expect(matchRoute("/w/w1/claims").name).toBe("workspaceClaims");
    expect(matchRoute("/w/w1/elsewhere").name).toBe("notFound");
  });

  it("still tells an invite link apart (the sign-in page reads it from `next`)", () => {
    expect(matchRoute("/invite/abcdefghijklmnop")).toEqual({ name: "invite", token: "abcdefghijklmnop" });
    expect(matchRoute("/signin?next=%2Finvite%2Fabc")).toEqual({ name: "signin", next: "/invite/abc" });
  });
});
