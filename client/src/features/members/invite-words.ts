/** Words and choices of the members page, kept pure: invite terms, roles one may hand out, who made an invite. */
import { canInviteAs } from "../../../../common/policy.ts";
import { ROLES, type MemberDto, type Role } from "../../../../common/workspaces.ts";

/** "single use, expires 12 Mar 2026, 14:05" — what every invite link is. */
export function inviteTerms(expiresAt: string, locale?: string): string {
  const when = new Date(expiresAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  return `single use, expires ${when}`;
}

/** The roles `myRole` may invite as, highest first (editors cannot mint owners). */
export function invitableRoles(myRole: Role): Role[] {
  return ROLES.filter((r) => canInviteAs(myRole, r));
}

/** Who made an invite, by name: "you", a member's name, or "a former member". */
export function creatorName(createdBy: string, members: ReadonlyMap<string, Pick<MemberDto, "displayName">>, meId: string): string {
  if (createdBy === meId) return "you";
  return members.get(createdBy)?.displayName ?? "a former member";
}

/** The invite page's address on this site (what the invited person opens). */
export function inviteUrl(origin: string, token: string): string {
  return `${origin}/invite/${encodeURIComponent(token)}`;
}
