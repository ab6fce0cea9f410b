/** /api/workspaces and /api/invites. */
import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { IdSchema, InviteCreateSchema, MembershipUpdateSchema, WorkspaceCreateSchema, WorkspaceUpdateSchema } from "../../../common/workspaces.ts";
import * as service from "./workspaces.service.ts";
import { loadWorkspaceAccess } from "./membership.ts";
import { presentInvite, presentMember, presentWorkspace } from "./workspace.presenter.ts";

const WorkspaceParams = z.object({ id: IdSchema });
const MemberParams = z.object({ id: IdSchema, userId: IdSchema });
const InviteParams = z.object({ id: IdSchema, inviteId: IdSchema });
const TokenParams = z.object({ token: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, "is not a valid invite token") });

export function workspaceRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;

  router.post("/workspaces", async (req, res) => {
    const user = requireUser(req);
    const { name } = parseInput(WorkspaceCreateSchema, req.body);
    const workspace = await service.createWorkspace(db, user.id, name);
    res.status(201).json({ workspace: presentWorkspace(workspace, "owner") });
  });

  router.get("/workspaces", async (req, res) => {
    const user = requireUser(req);
    const rows = await service.listWorkspaces(db, user.id);
    res.json({ workspaces: rows.map((r) => presentWorkspace(r.workspace, r.role)) });
  });

  router.get("/workspaces/:id", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const access = await loadWorkspaceAccess(db, user.id, id);
    res.json({ workspace: presentWorkspace(access.workspace, access.role) });
  });

  router.patch("/workspaces/:id", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const { name } = parseInput(WorkspaceUpdateSchema, req.body);
    const workspace = await service.renameWorkspace(db, user.id, id, name);
    res.json({ workspace: presentWorkspace(workspace, "owner") });
  });

  router.get("/workspaces/:id/members", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const members = await service.listMembers(db, user.id, id);
    res.json({ members: members.map(presentMember) });
  });

  router.patch("/workspaces/:id/members/:userId", async (req, res) => {
    const user = requireUser(req);
    const { id, userId } = parseInput(MemberParams, req.params, "params");
    const { role } = parseInput(MembershipUpdateSchema, req.body);
    const member = await service.changeMemberRole(db, user.id, id, userId, role);
    ctx.logger.info("membership changed", { requestId: req.id, workspaceId: id, userId, role });
    res.json({ member: presentMember(member) });
  });

  router.delete("/workspaces/:id/members/:userId", async (req, res) => {
    const user = requireUser(req);
    const { id, userId } = parseInput(MemberParams, req.params, "params");
    await service.removeMember(db, user.id, id, userId);
    await ctx.publisher.revokeAccess(id, userId);
    ctx.logger.info("membership removed", { requestId: req.id, workspaceId: id, userId });
    res.status(204).end();
  });

  router.post("/workspaces/:id/invites", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const { role } = parseInput(InviteCreateSchema, req.body);
    const { invite, token } = await service.createInvite(db, user.id, id, role, ctx.config.inviteTtlMs);
    const url = `${ctx.config.publicOrigin}/invite/${token}`;
    res.status(201).json({ token, url, invite: presentInvite(invite) });
  });

  router.get("/workspaces/:id/invites", async (req, res) => {
    const user = requireUser(req);
    const { id } = parseInput(WorkspaceParams, req.params, "params");
    const invites = await service.listInvites(db, user.id, id);
    res.json({ invites: invites.map(presentInvite) });
  });

  router.delete("/workspaces/:id/invites/:inviteId", async (req, res) => {
    const user = requireUser(req);
    const { id, inviteId } = parseInput(InviteParams, req.params, "params");
    await service.revokeInvite(db, user.id, id, inviteId);
    res.status(204).end();
  });

  router.get("/invites/:token", async (req, res) => {
    requireUser(req);
    const { token } = parseInput(TokenParams, req.params, "params");
    const invite = await service.findUsableInvite(db, token);
    res.json({ workspace: { id: invite.workspace.id, name: invite.workspace.name }, role: invite.role, expiresAt: invite.expiresAt.toISOString() });
  });

  router.post("/invites/:token/accept", async (req, res) => {
    const user = requireUser(req);
    const { token } = parseInput(TokenParams, req.params, "params");
    const { workspace, role } = await service.acceptInvite(db, user.id, token);
    ctx.logger.info("invite accepted", { requestId: req.id, workspaceId: workspace.id, userId: user.id, role });
    res.json({ workspace: presentWorkspace(workspace, role) });
  });

  return router;
}
