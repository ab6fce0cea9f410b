/**
 * Who may read each workspace event, in one place: the socket publisher picks the room an event
 * goes to by it, and the replay, the sync and the activity pages filter by it. An event needs the
 * ability named here (null: every member), except that the member an event is about (joined,
 * changed role, removed) always reads it: their app reacts to it. The sockets of members who do
 * not read an event are told only that the log moved past its seq (`workspace:position`), so
 * their copy of the log has no gap to ask about.
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
  // Who is in and with which role: the member list shows it to every member.
  "member.joined": "member.list",
  "member.role_changed": "member.list",
  "member.removed": "member.list",
  // The audit trail's own: who took what out.
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

/**
 * True when a member of `role` may follow events of `type` (say, through a webhook): a document
 * event is every member's; a workspace event, as above.
 */
export function readsEventType(role: Role, type: string): boolean {
  return !Object.hasOwn(WORKSPACE_EVENT_ACCESS, type) || readsType(role, type as WorkspaceEventType);
}
