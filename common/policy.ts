/**
 * Who may do what in a workspace, in one place, for both ends: the server enforces these rules
 * and sends each member's abilities with responses; the browser only reads those abilities, typed
 * by the same action names. Roles rank owner > editor > analyst > viewer; each action names the
 * lowest role allowed. Non-members are answered 404 by the server's loaders, never by these rules,
 * so that a workspace's existence does not leak.
 */
import type { Role } from "./workspaces.ts";

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, editor: 2, owner: 3 };

const LOWEST_ROLE = {
  "workspace.read": "viewer",
  "workspace.rename": "owner",
  /** The audit log: membership, invites, deletions and exports, with who did them. */
  "audit.read": "owner",
  "member.list": "viewer",
  "member.changeRole": "owner",
  "member.remove": "owner",
  "invite.list": "editor",
  "invite.create": "editor",
  "invite.revoke": "editor",
  "document.read": "viewer",
  "document.import": "editor",
  "document.delete": "editor",
  /** Change the text: edit paragraphs, upload a revised draft, accept or reject suggestions. */
  "document.edit": "editor",
  "annotation.create": "analyst",
  "annotation.moderate": "editor",
  "tag.manage": "editor",
  "tag.apply": "analyst",
  /** Move one's own claim between open and in_review (propose it for review, withdraw it). */
  "claim.propose": "analyst",
  /** Decide, amend and reopen verdicts; move anyone's claim. */
  "claim.decide": "editor",
  "claim.assign": "editor",
  /** Workspace webhooks: create, change, delete, read their delivery log, send tests and redeliveries. */
  "webhook.manage": "editor",
} as const satisfies Record<string, Role>;

export type WorkspaceAction = keyof typeof LOWEST_ROLE;

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** The lowest role allowed `action`. */
export function lowestRole(action: WorkspaceAction): Role {
  return LOWEST_ROLE[action];
}

/** True when `role` may perform `action`. */
export function can(role: Role, action: WorkspaceAction): boolean {
  return atLeast(role, LOWEST_ROLE[action]);
}

/** An inviter can hand out at most their own role (editors cannot mint owners). */
export function canInviteAs(inviter: Role, invited: Role): boolean {
  return can(inviter, "invite.create") && atLeast(inviter, invited);
}

/** Every action, in the order above. */
export const WORKSPACE_ACTIONS = Object.keys(LOWEST_ROLE) as WorkspaceAction[];

/** What a member may do, by action: sent with responses so the browser never re-derives roles. */
export type Abilities = Record<WorkspaceAction, boolean>;

export function abilitiesOf(role: Role): Abilities {
  return Object.fromEntries(WORKSPACE_ACTIONS.map((action) => [action, can(role, action)])) as Abilities;
}
