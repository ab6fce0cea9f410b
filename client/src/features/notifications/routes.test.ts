import { describe, expect, it } from "vitest";
import { threadLink } from "../../../../common/notifications.ts";
import { matchRoute } from "../../app/router.tsx";

describe("a notification's link", () => {
  it("is a document route that opens the annotation's thread", () => {
    expect(matchRoute(threadLink("d_1", "a_2"))).toEqual({ name: "document", id: "d_1", annotationId: "a_2" });
  });

  it("survives ids with characters a URL must escape", () => {
    expect(matchRoute(threadLink("d 1/x", "a&b=c"))).toEqual({ name: "document", id: "d 1/x", annotationId: "a&b=c" });
  });
});

describe("the notification and webhook pages", () => {
  it("have their own routes", () => {
    expect(matchRoute("/notifications")).toEqual({ name: "notifications" });
    expect(matchRoute("/settings/notifications")).toEqual({ name: "notificationSettings" });
    expect(matchRoute("/w/w1/webhooks")).toEqual({ name: "workspaceWebhooks", id: "w1" });
    expect(matchRoute("/settings/other").name).toBe("notFound");
    expect(matchRoute("/w/w1/webhooks/x").name).toBe("notFound");
  });
});
