/**
 * Annotation and reply bodies: plain text, or rich text (TipTap JSON) checked against the
 * editor schema. Nothing executable survives: unknown nodes, marks and attributes are refused
 * or dropped, and links must be http(s) or mailto. (The body shapes themselves are in
 * body-input.ts, free of editor code.)
 */
import type { z } from "zod";
import { Node as PMNode } from "@tiptap/pm/model";
import { bodySchema, SAFE_LINK } from "./editor/body-schema.ts";
import { isStorableText, NOT_STORABLE } from "./text-policy.ts";
import { MAX_BODY_CHARS, type Body, type BodyInputSchema } from "./body-input.ts";

export { MAX_BODY_CHARS, TextBodySchema, RichBodySchema, BodyInputSchema, type BodyInput, type Body } from "./body-input.ts";

/** Serialized rich JSON is bounded too, so deep nesting cannot smuggle in a huge payload. */
const MAX_RICH_JSON_BYTES = 60_000;

export type BodyCheck = { ok: true; body: Body } | { ok: false; message: string };

function walk(node: PMNode, visit: (n: PMNode) => string | null): string | null {
  const here = visit(node);
  if (here) return here;
  let found: string | null = null;
  node.forEach((child) => {
    found ??= walk(child, visit);
  });
  return found;
}

/** True when every string in a JSON value (keys included) passes `ok`. */
function everyString(v: unknown, ok: (s: string) => boolean): boolean {
  if (typeof v === "string") return ok(v);
  if (Array.isArray(v)) return v.every((x) => everyString(x, ok));
  if (typeof v === "object" && v !== null) return Object.entries(v).every(([k, x]) => ok(k) && everyString(x, ok));
  return true;
}

/** Plain text of a rich document: blocks separated by newlines. */
export function richPlainText(doc: PMNode): string {
  return doc.textBetween(0, doc.content.size, "\n", (leaf) => (leaf.type.name === "mention" ? `@${String(leaf.attrs.label ?? leaf.attrs.id ?? "")}` : ""));
}

/** Validates and normalizes a body from a client. */
export function checkBody(input: z.output<typeof BodyInputSchema>): BodyCheck {
  if (input.format === "text") return { ok: true, body: input };
  let size: number;
  try {
    size = JSON.stringify(input.doc).length;
  } catch {
    // Nesting deeper than the stack (a JSON body can hold 100,000 levels in 200 KB).
    return { ok: false, message: "rich body is nested too deeply" };
  }
  if (size > MAX_RICH_JSON_BYTES) return { ok: false, message: "rich body is too large" };
  let doc: PMNode;
  try {
    doc = PMNode.fromJSON(bodySchema, input.doc);
    doc.check();
  } catch (e) {
    return { ok: false, message: `rich body does not fit the editor schema: ${(e as Error).message.slice(0, 200)}` };
  }
  if (doc.type.name !== "doc") return { ok: false, message: "rich body must be a doc node" };
  const mentions: string[] = [];
  const problem = walk(doc, (n) => {
    for (const mark of n.marks) {
      // Attributes are client JSON: an object here would make String() throw.
      const href: unknown = mark.attrs.href;
      if (mark.type.name === "link" && !(typeof href === "string" && SAFE_LINK.test(href))) return "links must be http(s) or mailto";
    }
    if (n.type.name === "mention") {
      const { id, label } = n.attrs as { id: unknown; label: unknown };
      if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return "mention ids must be user ids";
      if (label !== null && label !== undefined && typeof label !== "string") return "mention labels must be text";
      mentions.push(id);
    }
    return null;
  });
  if (problem) return { ok: false, message: problem };
  const json = doc.toJSON() as Record<string, unknown>;
  // Text, mention labels, link targets: every string stored in the JSON follows the same text policy.
  if (!everyString(json, isStorableText)) return { ok: false, message: NOT_STORABLE };
  const text = richPlainText(doc);
  if (text.length > MAX_BODY_CHARS) return { ok: false, message: `must be at most ${MAX_BODY_CHARS} characters` };
  return { ok: true, body: { format: "rich", doc: json, text, mentions: [...new Set(mentions)] } };
}
