/** Workspace, membership and invite payloads shared by the API and the browser. */
import { z } from "zod";
import { nameText } from "./text-policy.ts";

export const ROLES = ["owner", "editor", "analyst", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

export const WorkspaceCreateSchema = z.object({
  name: nameText(120),
});
export const WorkspaceUpdateSchema = WorkspaceCreateSchema;

export const InviteCreateSchema = z.object({
  role: RoleSchema,
});

export const MembershipUpdateSchema = z.object({
  role: RoleSchema,
});

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
