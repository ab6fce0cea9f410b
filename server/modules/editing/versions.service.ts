/**
 * Versions: the list, any earlier version's paragraphs and annotations as they were, and the
 * word-level difference between two versions. A version is rebuilt from the current rows plus
 * the revisions (a paragraph's state from the version it changed at; a paragraph without
 * revisions has not changed since the import), so nothing stores whole copies of a document.
 */
import { DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, makeDiff } from "@sanity/diff-match-patch";
import type { Db } from "../../db/client.ts";
import type { ParagraphDto, ParagraphKind } from "../../../common/documents.ts";
import type { AnnotationDto } from "../../../common/annotations.ts";
import type { ParagraphDiffDto, VersionDiffDto, VersionDto, WordChange } from "../../../common/editing.ts";
import { ValidationError } from "../../http/errors.ts";
import { presentParagraph, type ParagraphColumns } from "../documents/document.presenter.ts";
import { ANNOTATION_INCLUDE, presentAnnotation } from "../annotations/annotation.presenter.ts";

export async function listVersions(db: Db, documentId: string): Promise<VersionDto[]> {
  const rows = await db.documentVersion.findMany({ where: { documentId }, orderBy: { number: "desc" }, include: { author: { select: { id: true, displayName: true } } } });
  return rows.map((v) => ({ number: v.number, author: v.author, note: v.note, createdAt: v.createdAt.toISOString(), changes: JSON.parse(v.changes) as VersionDto["changes"] }));
}

/** A paragraph's state: what a version holds of it. */
export interface ParagraphAt extends ParagraphColumns {
  id: string;
  rank: string;
  version: number;
}

async function assertVersion(db: Db, documentId: string, version: number): Promise<number> {
  const { version: current } = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { version: true } });
  if (version > current) throw ValidationError(`version: the document has no version ${version} yet (it is at ${current})`, "version");
  return current;
}

/** A paragraph revision as stored (ParagraphRevision's columns that make up a state). */
export type RevisionAt = Omit<ParagraphAt, "id" | "version"> & { paragraphId: string; docVersion: number; paragraphVersion: number; retired: boolean };

/**
 * The paragraphs at `version`, in order, from the current rows and every revision of the
 * document: a paragraph with revisions is in the state of its latest one made by then (absent
 * when there is none, or when that one retired it); one without has not changed since the import.
 */
export function paragraphStatesAt(current: readonly ParagraphAt[], revisions: readonly RevisionAt[], version: number): ParagraphAt[] {
  const latest = new Map<string, RevisionAt>();
  const withHistory = new Set<string>();
  for (const r of revisions) {
    withHistory.add(r.paragraphId);
    const seen = latest.get(r.paragraphId);
    if (r.docVersion <= version && (!seen || r.docVersion > seen.docVersion)) latest.set(r.paragraphId, r);
  }
  const states: ParagraphAt[] = [];
  for (const p of current) if (!withHistory.has(p.id)) states.push(p);
  for (const r of latest.values()) if (!r.retired) states.push({ ...r, id: r.paragraphId, version: r.paragraphVersion });
  states.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return states;
}

/** The document's paragraphs as they were at `version`, in order. */
export async function paragraphsAt(db: Db, documentId: string, version: number): Promise<ParagraphDto[]> {
  const current = await assertVersion(db, documentId, version);
  const rows = await db.paragraph.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  if (version === current) return rows.map(presentParagraph);
  const revised = await db.paragraphRevision.findMany({ where: { documentId } });
  return paragraphStatesAt(rows, revised, version).map((p, position) => presentParagraph({ ...p, position, kind: p.kind as ParagraphKind }));
}

/** The annotations as they were at `version`: those made by then and not yet deleted, on their anchors of then. */
export async function annotationsAt(db: Db, documentId: string, version: number): Promise<AnnotationDto[]> {
  const current = await assertVersion(db, documentId, version);
  const next = version < current ? await db.documentVersion.findUnique({ where: { documentId_number: { documentId, number: version + 1 } }, select: { createdAt: true } }) : null;
  const until = next?.createdAt ?? new Date();
  const rows = await db.annotation.findMany({
    where: { documentId, docVersion: { lte: version }, OR: [{ deletedAt: null }, { deletedAt: { gt: until } }] },
    include: { ...ANNOTATION_INCLUDE, anchors: { where: { docVersion: { lte: version } }, orderBy: { docVersion: "desc" }, take: 1 } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ anchors, ...a }) => {
    const then = anchors[0];
    const dto = presentAnnotation(then ? { ...a, ...then, deletedAt: null } : { ...a, deletedAt: null });
    return dto;
  });
}

/** Words and the spaces between them, as tokens. */
function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}'’_-]+|[^\s\p{L}\p{N}\p{M}'’_-]/gu) ?? [];
}

/** A word-level diff: kept, removed and added runs of whole words. */
export function wordDiff(before: string, after: string): WordChange[] {
  const dictionary = new Map<string, string>();
  const words: string[] = [];
  const encode = (text: string) =>
    tokens(text)
      .map((t) => {
        let c = dictionary.get(t);
        if (c === undefined) {
          c = String.fromCharCode(0x100 + words.length);
          dictionary.set(t, c);
          words.push(t);
        }
        return c;
      })
      .join("");
  const a = encode(before);
  const b = encode(after);
  return makeDiff(a, b, { timeout: 1, checkLines: false }).map(([op, run]) => ({
    op: op === DIFF_EQUAL ? "equal" : op === DIFF_DELETE ? "delete" : "insert",
    text: [...run].map((c) => words[c.charCodeAt(0) - 0x100]!).join(""),
  }));
}

/** What changed between two versions, paragraph by paragraph, in the later version's order (retired ones where they were). */
export async function diffVersions(db: Db, documentId: string, from: number, to: number): Promise<VersionDiffDto> {
  if (from >= to) throw ValidationError("from: must be an earlier version than to", "from");
  const [a, b] = [await paragraphsAt(db, documentId, from), await paragraphsAt(db, documentId, to)];
  const before = new Map(a.map((p) => [p.id, p]));
  const after = new Map(b.map((p) => [p.id, p]));
  const out: ParagraphDiffDto[] = [];
  // Kept paragraphs outside the longest run that kept its order count as moved.
  const symbol = new Map(a.map((p, i) => [p.id, String.fromCharCode(0x100 + i)]));
  const keptBefore = a.filter((p) => after.has(p.id)).map((p) => symbol.get(p.id)!).join("");
  const keptAfter = b.filter((p) => before.has(p.id)).map((p) => symbol.get(p.id)!).join("");
  const movedIds = new Set<string>();
  for (const [op, run] of makeDiff(keptBefore, keptAfter, { timeout: 1, checkLines: false })) {
    if (op === DIFF_INSERT) for (const c of run) movedIds.add(a[c.charCodeAt(0) - 0x100]!.id);
  }
  for (const p of b) {
    const old = before.get(p.id);
    if (!old) out.push({ paragraphId: p.id, change: "added", words: [{ op: "insert", text: p.text }], before: null, after: p.text });
    else if (old.text !== p.text || old.kind !== p.kind) out.push({ paragraphId: p.id, change: "edited", words: wordDiff(old.text, p.text), before: old.text, after: p.text });
    else if (movedIds.has(p.id)) out.push({ paragraphId: p.id, change: "moved", words: [{ op: "equal", text: p.text }], before: old.text, after: p.text });
  }
  for (const p of a) if (!after.has(p.id)) out.push({ paragraphId: p.id, change: "retired", words: [{ op: "delete", text: p.text }], before: p.text, after: null });
  return { documentId, from, to, paragraphs: out };
}
