import { describe, expect, it } from "vitest";
import type { WorkspaceEventDto, WorkspaceEventType } from "./events.ts";
import { AUDIT_EVENT_TYPES } from "./events.ts";
import { ROLES, type Role } from "./workspaces.ts";
import { mayReadWorkspaceEvent, WORKSPACE_EVENT_ACCESS, workspaceEventAudience, workspaceEventTypesFor } from "./workspace-event-access.ts";

const TYPES = Object.keys(WORKSPACE_EVENT_ACCESS) as WorkspaceEventType[];

function event(type: WorkspaceEventType, payload: Record<string, unknown> = {}): WorkspaceEventDto {
  return { workspaceId: "w_1", seq: 1, documentId: null, actorId: "u_owner", clientMutationId: null, createdAt: "2026-01-01T00:00:00.000Z", type, payload } as WorkspaceEventDto;
}

describe("who reads which workspace event", () => {
  it("every member reads the workspace's name, its vocabulary, its deleted documents and who is in it with which role", () => {
    for (const type of ["workspace.created", "workspace.renamed", "tag.created", "tag.updated", "tag.merged", "document.deleted", "member.joined", "member.role_changed", "member.removed"] as const) {
      expect({ type, audience: workspaceEventAudience(type) }).toEqual({ type, audience: "viewer" });
    }
  });

  it("exports are the owners', invites the editors' and up, webhooks the editors' and up", () => {
    const byType = Object.fromEntries(TYPES.map((t) => [t, workspaceEventAudience(t)]));
    expect(byType).toMatchObject({
      "document.exported": "owner",
      "invite.created": "editor",
      "invite.accepted": "editor",
      "invite.revoked": "editor",
      "webhook.created": "editor",
      "webhook.updated": "editor",
      "webhook.deleted": "editor",
    });
  });

  it("an owner reads every event, the audit log's types included; a viewer and an analyst no invite, webhook or export", () => {
    expect(workspaceEventTypesFor("owner").sort()).toEqual([...TYPES].sort());
    for (const t of AUDIT_EVENT_TYPES) expect({ t, owner: workspaceEventTypesFor("owner").includes(t) }).toEqual({ t, owner: true });
    for (const role of ["viewer", "analyst"] as const) {
      expect(workspaceEventTypesFor(role).sort()).toEqual(["document.deleted", "member.joined", "member.removed", "member.role_changed", "tag.created", "tag.merged", "tag.updated", "workspace.created", "workspace.renamed"]);
    }
    expect(workspaceEventTypesFor("editor")).not.toContain("document.exported");
  });

  it("a higher role reads everything a lower one does", () => {
    const rank = (r: Role) => ROLES.length - ROLES.indexOf(r);
    for (const a of ROLES) for (const b of ROLES) if (rank(a) >= rank(b)) for (const t of workspaceEventTypesFor(b)) expect({ a, b, t, reads: workspaceEventTypesFor(a).includes(t) }).toEqual({ a, b, t, reads: true });
  });

  it("the member an event is about reads it whatever their role; other members by their role only", () => {
    const changed = event("member.role_changed", { userId: "u_vi", displayName: "Vi", from: "viewer", to: "editor" });
    expect(mayReadWorkspaceEvent("viewer", "u_vi", changed)).toBe(true);
    expect(mayReadWorkspaceEvent("viewer", "u_other", changed)).toBe(true);
    const exported = event("document.exported", { documentId: "d_1", title: "T", format: "csv", annotations: 3 });
    expect([mayReadWorkspaceEvent("viewer", "u_x", exported), mayReadWorkspaceEvent("editor", "u_x", exported), mayReadWorkspaceEvent("owner", "u_x", exported)]).toEqual([false, false, true]);
    const accepted = event("invite.accepted", { userId: "u_vi", displayName: "Vi", inviteId: "i_1", role: "viewer" });
    expect(mayReadWorkspaceEvent("viewer", "u_vi", accepted)).toBe(false);
    const hook = event("webhook.created", { webhookId: "h_1", target: "https://example.org/hook", events: [], active: true, description: "" });
    expect([mayReadWorkspaceEvent("viewer", "u_x", hook), mayReadWorkspaceEvent("analyst", "u_x", hook), mayReadWorkspaceEvent("editor", "u_x", hook)]).toEqual([false, false, true]);
  });
});
