/** Workspace, membership and invite payloads shared by the API and the browser. */
import { z } from "zod";

export const ROLES = ["owner", "editor", "analyst", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

/**
 * For `.refine` on free text stored as is: an unpaired UTF-16 surrogate has no UTF-8 form and
 * the database driver refuses it (a 500), so it is refused here as a 400 naming the field.
 */
export const isWellFormedText = (s: string) => !/[\ud800-\udfff]/u.test(s);
export const NOT_WELL_FORMED = "must not contain unpaired surrogate characters";

export const WorkspaceCreateSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(120).refine(isWellFormedText, NOT_WELL_FORMED),
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
