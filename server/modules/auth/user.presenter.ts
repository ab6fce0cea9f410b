import type { UserDto } from "../../../common/auth.ts";

export function presentUser(u: { id: string; email: string; displayName: string; createdAt: Date }): UserDto {
  return { id: u.id, email: u.email, displayName: u.displayName, createdAt: u.createdAt.toISOString() };
}
