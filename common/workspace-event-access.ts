/**
 * Who may read each workspace event, in one place: the socket publisher picks the room an event
 * goes to by it, and the replay, the sync and the activity pages filter by it. An event needs the
 * ability named here (null: every member), except that the member an event is about (joined,
 * changed role, removed) always reads it: their app reacts to it.
 */
import type { WorkspaceEventDto, WorkspaceEventType } from "./events.ts";
import { can, lowestRole, type WorkspaceAction } from "./policy.ts";
import type { Role } from "./workspaces.ts";

export const WORKSPACE_EVENT_ACCESS = {
  // What every member sees in the app anyway: the workspace's name, its tag vocabulary, which documents exist.
  "workspace.created": null,
  "workspace.renamed": null,
  "tag.created": null,
  "tag.updated": null,
  "tag.merged": null,
  "document.deleted": null,
  // The audit trail: who let whom in, changed whose role, took what out.
  "member.joined": "audit.read",
  "member.role_changed": "audit.read",
  "member.removed": "audit.read",
  "document.exported": "audit.read",
  // Invites: what the invite list shows to those who may list them.
  "invite.created": "invite.list",
  "invite.accepted": "invite.list",
  "invite.revoked": "invite.list",
  // Webhook targets and subscriptions.
  "webhook.created": "webhook.manage",
  "webhook.updated": "webhook.manage",
  "webhook.deleted": "webhook.manage",
} as const satisfies Record<WorkspaceEventType, WorkspaceAction | null>;

/** The ability reading an event of `type` needs, or null when every member reads it. */
export function workspaceEventAbility(type: WorkspaceEventType): WorkspaceAction | null {
  return WORKSPACE_EVENT_ACCESS[type];
}

/** The lowest role that reads every event of `type` (viewer: every member). */
export function workspaceEventAudience(type: WorkspaceEventType): Role {
  const ability = workspaceEventAbility(type);
  return ability === null ? "viewer" : lowestRole(ability);
}

/** The event types `role` reads whoever they are about. */
export function workspaceEventTypesFor(role: Role): WorkspaceEventType[] {
  return (Object.keys(WORKSPACE_EVENT_ACCESS) as WorkspaceEventType[]).filter((t) => readsType(role, t));
}

/** Event types that name the member they are about (`payload.userId`). */
export const MEMBER_EVENT_TYPES = ["member.joined", "member.role_changed", "member.removed"] as const satisfies readonly WorkspaceEventType[];

/** The member an event is about, who reads it whatever their role; null for the others. */
export function workspaceEventSubject(e: WorkspaceEventDto): string | null {
  switch (e.type) {
    case "member.joined":
    case "member.role_changed":
    case "member.removed":
      return e.payload.userId;
    default:
      return null;
  }
}

function readsType(role: Role, type: WorkspaceEventType): boolean {
  const ability = workspaceEventAbility(type);
  return ability === null || can(role, ability);
}

/** True when the member `userId`, of role `role`, may read `e`. */
export function mayReadWorkspaceEvent(role: Role, userId: string, e: WorkspaceEventDto): boolean {
  return readsType(role, e.type) || workspaceEventSubject(e) === userId;
}
