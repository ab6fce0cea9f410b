/** Workspace payloads as the API sends them (the DTO plus the member's abilities). */
import type { WorkspaceDto } from "../../../../common/workspaces.ts";
import type { Abilities } from "../../../../common/policy.ts";

export type { Abilities } from "../../../../common/policy.ts";
export type WorkspaceWithAbilities = WorkspaceDto & { abilities: Abilities };
