/**
 * GET /api/documents/:id/activity, /api/workspaces/:id/activity and /api/annotations/:id/history
 * (any member; the workspace log's entries are those the member's role reads), and
 * GET /api/workspaces/:id/audit (owners; `format=csv` for a file).
 */
import { Router } from "express";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { idParam, parseInput } from "../../http/validate.ts";
import { ActivityQuerySchema, AuditQuerySchema, type AuditEntryDto } from "../../../common/activity.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { csvCell, UTF8_BOM } from "../exports/csv.ts";
import { annotationHistory, documentActivity, workspaceActivity, workspaceAudit } from "./activity.service.ts";
import { NotFoundError } from "../../http/errors.ts";
import type { Role } from "../../../common/workspaces.ts";

/** A CSV of the audit log holds at most this many entries (the newest). */
const AUDIT_CSV_MAX = 10_000;

function auditCsv(entries: AuditEntryDto[]): string {
  const head = ["time", "actor", "actor id", "type", "summary", "document", "document id", "changes"];
  const lines = entries.map((e) =>
    [e.createdAt, e.actor?.displayName ?? "", e.actor?.id ?? "", e.type, e.summary, e.documentTitle ?? "", e.documentId ?? "", Object.keys(e.changes).length ? JSON.stringify(e.changes) : ""]
      .map(csvCell)
      .join(","),
  );
  return UTF8_BOM + [head.join(","), ...lines].join("\r\n") + "\r\n";
}

export function activityRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;

  /** An activity route: the caller must be able to read the scope; then the page. */
  const activity = (path: string, access: (userId: string, id: string) => Promise<{ role: Role }>, read: typeof documentActivity) =>
    router.get(path, async (req, res) => {
      const user = requireUser(req);
      const id = idParam(req);
      const q = parseInput(ActivityQuerySchema, req.query, "query");
      const { role } = await access(user.id, id);
      res.json(await read(db, id, q, { userId: user.id, role }));
    });
  activity("/documents/:id/activity", (userId, id) => loadDocumentAccess(db, userId, id), documentActivity);
  activity("/workspaces/:id/activity", (userId, id) => loadWorkspaceAccess(db, userId, id), workspaceActivity);

  router.get("/annotations/:id/history", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const annotation = await db.annotation.findUnique({ where: { id }, select: { documentId: true } });
    if (!annotation) throw NotFoundError("Annotation");
    await loadDocumentAccess(db, user.id, annotation.documentId, "Annotation");
    res.json({ entries: await annotationHistory(db, id) });
  });

  router.get("/workspaces/:id/audit", async (req, res) => {
    const user = requireUser(req);
    const id = idParam(req);
    const { format, ...q } = parseInput(AuditQuerySchema, req.query, "query");
    const { role } = await loadWorkspaceAccess(db, user.id, id);
    authorize(role, "audit.read");
    if (format === "json") return void res.json(await workspaceAudit(db, id, q));
    const entries: AuditEntryDto[] = [];
    for (let before = q.before; entries.length < AUDIT_CSV_MAX; ) {
      const page = await workspaceAudit(db, id, { ...q, before, limit: 200 });
      entries.push(...page.entries);
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    res.setHeader("Content-Type", "text/csv; charset=utf-8; header=present");
    res.setHeader("Content-Disposition", `attachment; filename="audit-${id}.csv"`);
    res.setHeader("Cache-Control", "no-store");
    res.send(auditCsv(entries.slice(0, AUDIT_CSV_MAX)));
  });

  return router;
}
