/** Workspace, membership and invite payloads shared by the API and the browser. */
import { z } from "zod";
import { nameText } from "./text-policy.ts";

export const ROLES = ["owner", "editor", "analyst", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

/** A client-chosen id that makes a mutation idempotent. */
export const ClientMutationIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be 8-64 characters of A-Z a-z 0-9 _ -");

const WorkspaceNameSchema = nameText(120);
export const InviteTokenSchema = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, "is not a valid invite token");

// Workspace mutations. Each is one definition in the server's registry; REST routes send the
// path's ids together with the body.
export const WorkspaceCreateSchema = z.object({ name: WorkspaceNameSchema, clientMutationId: ClientMutationIdSchema.optional() });
export const WorkspaceRenameSchema = z.object({ workspaceId: IdSchema, name: WorkspaceNameSchema, clientMutationId: ClientMutationIdSchema.optional() });
export const MemberRoleSchema = z.object({ workspaceId: IdSchema, userId: IdSchema, role: RoleSchema, clientMutationId: ClientMutationIdSchema.optional() });
export const MemberRemoveSchema = z.object({ workspaceId: IdSchema, userId: IdSchema, clientMutationId: ClientMutationIdSchema.optional() });
/** No clientMutationId: a replay would have to store the invite's token, which is kept only hashed. */
export const InviteCreateSchema = z.object({ workspaceId: IdSchema, role: RoleSchema });
export const InviteRevokeSchema = z.object({ workspaceId: IdSchema, inviteId: IdSchema, clientMutationId: ClientMutationIdSchema.optional() });
export const InviteAcceptSchema = z.object({ token: InviteTokenSchema });

export interface WorkspaceDto {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface MemberDto {
  userId: string;
  displayName: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface InviteDto {
  id: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  createdBy: string;
}
