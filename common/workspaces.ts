/** Workspace, membership and invite payloads shared by the API and the browser. */
import { z } from "zod";

export const ROLES = ["owner", "editor", "analyst", "viewer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a valid id");

/**
 * For `.refine` on free text stored as is. The database refuses two kinds of character, which
 * would surface as a 500: an unpaired UTF-16 surrogate (no UTF-8 form) and, on PostgreSQL, NUL.
 * They are refused here as a 400 naming the field.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
export const UNSTORABLE_CHARS = /\u0000|[\ud800-\udfff]/u;
export const isStorableText = (s: string) => !UNSTORABLE_CHARS.test(s);
export const NOT_STORABLE = "must not contain NUL or unpaired surrogate characters";

export const WorkspaceCreateSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(120).refine(isStorableText, NOT_STORABLE),
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
