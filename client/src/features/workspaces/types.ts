/** Workspace payloads as the API sends them (the DTO plus the member's abilities). */
import type { WorkspaceDto } from "../../../../common/workspaces.ts";

export type Abilities = Record<string, boolean>;
export type WorkspaceWithAbilities = WorkspaceDto & { abilities: Abilities };
