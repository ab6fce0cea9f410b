/** Signed-in test users: a Supertest agent that keeps its cookie and sends its CSRF token. */
import request from "supertest";
import type { Express } from "express";
import { randomBytes } from "node:crypto";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export const TEST_PASSWORD = "correct horse battery";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.org`;
}

/** Registers a new account and returns it signed in. */
export async function signUp(app: Express, opts: { email?: string; password?: string; displayName?: string } = {}): Promise<TestUser> {
  const agent = request.agent(app);
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? TEST_PASSWORD;
  const displayName = opts.displayName ?? email.split("@")[0]!;
  const res = await agent.post("/api/auth/register").send({ email, password, displayName });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const user: TestUser = {
    id: res.body.user.id,
    email,
    password,
    displayName,
    agent,
    csrf: res.body.csrfToken,
    get: (path) => agent.get(path),
    post: (path, body) => agent.post(path).set("x-csrf-token", user.csrf).send(body ?? {}),
    patch: (path, body) => agent.patch(path).set("x-csrf-token", user.csrf).send(body ?? {}),
    delete: (path) => agent.delete(path).set("x-csrf-token", user.csrf),
  };
  return user;
}

/** Creates a workspace owned by `owner`. */
export async function createWorkspace(owner: TestUser, name = "Desk"): Promise<string> {
  const res = await owner.post("/api/workspaces", { name });
  if (res.status !== 201) throw new Error(`workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workspace.id as string;
}

/** Invites `member` into the workspace with `role` and accepts the invite. */
export async function addMember(owner: TestUser, workspaceId: string, member: TestUser, role: string): Promise<void> {
  const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const acc = await member.post(`/api/invites/${inv.body.token}/accept`);
  if (acc.status !== 200) throw new Error(`accept failed: ${acc.status} ${JSON.stringify(acc.body)}`);
}
