/** /api/workspaces and /api/invites: reads here, every change through the mutation runner. */
import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { IdSchema, InviteTokenSchema } from "../../../common/workspaces.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import * as service from "./workspaces.service.ts";
import { loadWorkspaceAccess } from "./membership.ts";
import { presentInvite, presentMember, presentWorkspace } from "./workspace.presenter.ts";

const MemberParams = z.object({ id: IdSchema, userId: IdSchema });
const InviteParams = z.object({ id: IdSchema, inviteId: IdSchema });
const TokenParams = z.object({ token: InviteTokenSchema });

export function workspaceRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;
  const mutate = mutationResponder(ctx);

  router.post("/workspaces", (req, res) => mutate(req, res, "workspace:create", bodyObject(req), { key: "workspace", status: 201 }));

  router.get("/workspaces", async (req, res) => {
    const user = requireUser(req);
    const rows = await service.listWorkspaces(db, user.id);
    res.json({ workspaces: rows.map((r) => presentWorkspace(r.workspace, r.role)) });
  });

  router.get("/workspaces/:id", async (req, res) => {
    const user = requireUser(req);
    const access = await loadWorkspaceAccess(db, user.id, idParam(req));
    res.json({ workspace: presentWorkspace(access.workspace, access.role) });
  });

  router.patch("/workspaces/:id", (req, res) => mutate(req, res, "workspace:rename", { ...bodyObject(req), workspaceId: idParam(req) }, { key: "workspace" }));

  router.get("/workspaces/:id/members", async (req, res) => {
    const user = requireUser(req);
    const members = await service.listMembers(db, user.id, idParam(req));
    res.json({ members: members.map(presentMember) });
  });

  router.patch("/workspaces/:id/members/:userId", (req, res) => {
    const { id, userId } = parseInput(MemberParams, req.params, "params");
    return mutate(req, res, "member:changeRole", { ...bodyObject(req), workspaceId: id, userId }, { key: "member" });
  });

  router.delete("/workspaces/:id/members/:userId", (req, res) => {
    const { id, userId } = parseInput(MemberParams, req.params, "params");
    return mutate(req, res, "member:remove", { workspaceId: id, userId }, { status: 204 });
  });

  router.post("/workspaces/:id/invites", (req, res) => mutate(req, res, "invite:create", { ...bodyObject(req), workspaceId: idParam(req) }, { status: 201 }));

  router.get("/workspaces/:id/invites", async (req, res) => {
    const user = requireUser(req);
    const invites = await service.listInvites(db, user.id, idParam(req));
    res.json({ invites: invites.map(presentInvite) });
  });

  router.delete("/workspaces/:id/invites/:inviteId", (req, res) => {
    const { id, inviteId } = parseInput(InviteParams, req.params, "params");
    return mutate(req, res, "invite:revoke", { workspaceId: id, inviteId }, { status: 204 });
  });

  router.get("/invites/:token", async (req, res) => {
    requireUser(req);
    const { token } = parseInput(TokenParams, req.params, "params");
    const invite = await service.findUsableInvite(db, token);
    res.json({ workspace: { id: invite.workspace.id, name: invite.workspace.name }, role: invite.role, expiresAt: invite.expiresAt.toISOString() });
  });

  router.post("/invites/:token/accept", (req, res) => {
    const { token } = parseInput(TokenParams, req.params, "params");
    return mutate(req, res, "invite:accept", { token }, { key: "workspace" });
  });

  return router;
}
