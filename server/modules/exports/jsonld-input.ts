/**
 * Reads a Web Annotation JSON-LD export (an AnnotationCollection with embedded pages, or a
 * single AnnotationPage) into notes and replies to import. Shapes are checked with zod, so a
 * malformed file is a 400 naming the field; unknown properties are ignored.
 */
import { z } from "zod";
import { ANNOTATION_KINDS, STANCES, type AnnotationKind, type Stance } from "../../../common/annotations.ts";
import { MAX_BODY_CHARS } from "../../../common/bodies.ts";
import { storedText } from "../../../common/text-policy.ts";
import { parseInput } from "../../http/validate.ts";
import { ValidationError } from "../../http/errors.ts";
import type { QuoteTarget } from "../../anchoring/quote-placement.ts";

export const MAX_IMPORT_ITEMS = 5_000;

const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const SelectorSchema = z.looseObject({
  type: z.string(),
  exact: z.string().max(20_000).optional(),
  prefix: z.string().max(2_000).optional(),
  suffix: z.string().max(2_000).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
});
const SpecificTarget = z.looseObject({ source: z.string().max(2_000).optional(), selector: oneOrMany(SelectorSchema).optional() });
// A body's value becomes a note, a reply or a suggestion's replacement: stored text, under the one text policy.
const BodySchema = z.looseObject({ type: z.string().optional(), value: storedText(MAX_BODY_CHARS).optional(), purpose: z.string().optional() });

const ItemSchema = z.looseObject({
  id: z.string().min(1).max(500),
  motivation: oneOrMany(z.string().max(100)).optional(),
  body: oneOrMany(BodySchema).optional(),
  target: oneOrMany(z.union([z.string().max(2_000), SpecificTarget])),
  "scholia:kind": z.enum(ANNOTATION_KINDS).optional(),
  "scholia:stance": z.enum(STANCES).optional(),
  "scholia:suggestion": z.looseObject({ state: z.string().optional() }).optional(),
});
type Item = z.output<typeof ItemSchema>;

interface PageShape {
  type?: string | undefined;
  items: Item[];
  next?: string | PageShape | undefined;
}
const PageSchema: z.ZodType<PageShape> = z.looseObject({
  type: z.string().optional(),
  items: z.array(ItemSchema).max(MAX_IMPORT_ITEMS),
  next: z.union([z.string(), z.lazy(() => PageSchema)]).optional(),
});
/** Discriminated by `type`, so a bad item is reported at its own path (first.items.3.target). */
const InputSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("AnnotationCollection"), first: PageSchema }),
  z.looseObject({ type: z.literal("AnnotationPage"), items: z.array(ItemSchema).max(MAX_IMPORT_ITEMS), next: z.union([z.string(), PageSchema]).optional() }),
]);

export interface ImportNote {
  sourceId: string;
  kind: AnnotationKind;
  text: string;
  /** Tag paths ("Parent > Child") from bodies with purpose "tagging". */
  tags: string[];
  target: QuoteTarget;
  /** A suggestion's replacement (the body with purpose "editing"). */
  replacement?: string;
}

export interface ImportReply {
  sourceId: string;
  targetId: string;
  text: string;
  stance: Stance;
}

export interface ImportBatch {
  notes: ImportNote[];
  replies: ImportReply[];
  /** Items that were neither a placeable note nor a reply, with why. */
  skipped: Array<{ id: string; quote: string; reason: string }>;
}

const KIND_OF_MOTIVATION: Record<string, AnnotationKind> = { editing: "suggestion", assessing: "claim", commenting: "comment", highlighting: "highlight", tagging: "highlight", describing: "comment", questioning: "comment" };

/** Every item of every embedded page, following embedded `next` pages. */
function allItems(input: z.output<typeof InputSchema>): Item[] {
  let page: PageShape | undefined = input.type === "AnnotationCollection" ? input.first : input;
  const items: Item[] = [];
  while (page) {
    items.push(...page.items);
    if (items.length > MAX_IMPORT_ITEMS) throw ValidationError(`items: at most ${MAX_IMPORT_ITEMS} annotations and replies per import`, "items");
    page = typeof page.next === "object" ? page.next : undefined;
  }
  return items;
}

function quoteTarget(item: Item): QuoteTarget | null {
  for (const t of item.target) {
    if (typeof t === "string") continue;
    const selectors = t.selector ?? [];
    const quote = selectors.find((s) => s.type === "TextQuoteSelector" && s.exact);
    if (!quote?.exact) continue;
    const pos = selectors.find((s) => s.type === "TextPositionSelector" && s.start !== undefined && s.end !== undefined);
    return { exact: quote.exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "", start: pos?.start, end: pos?.end };
  }
  return null;
}

export function readImport(raw: unknown): ImportBatch {
  if (typeof raw === "object" && raw !== null && typeof (raw as { first?: unknown }).first === "string") {
    throw ValidationError("first: the collection's pages are not embedded; export it without pageSize to import it", "first");
  }
  const input = parseInput(InputSchema, raw);
  const batch: ImportBatch = { notes: [], replies: [], skipped: [] };
  for (const item of allItems(input)) {
    const motivations = item.motivation ?? [];
    const bodies = item.body ?? [];
    const text = bodies.find((b) => b.value !== undefined && (b.purpose === undefined || b.purpose === "commenting" || b.purpose === "replying"))?.value ?? "";
    if (motivations.includes("replying")) {
      const targetId = item.target.map((t) => (typeof t === "string" ? t : (t.source ?? ""))).find(Boolean);
      if (targetId) batch.replies.push({ sourceId: item.id, targetId, text, stance: item["scholia:stance"] ?? "none" });
      else batch.skipped.push({ id: item.id, quote: "", reason: "a reply without a target" });
      continue;
    }
    const target = quoteTarget(item);
    if (!target) {
      batch.skipped.push({ id: item.id, quote: "", reason: "no TextQuoteSelector to place it by" });
      continue;
    }
    const tags = bodies.filter((b) => b.purpose === "tagging" && b.value).map((b) => b.value!);
    const kind = item["scholia:kind"] ?? motivations.map((m) => KIND_OF_MOTIVATION[m]).find(Boolean) ?? "comment";
    if (kind === "suggestion") {
      // Only an open suggestion proposes something still; a decided one (or one without its replacement) comes in as a comment.
      const replacement = bodies.find((b) => b.purpose === "editing" && b.value !== undefined)?.value;
      const state = item["scholia:suggestion"]?.state ?? "open";
      if (replacement !== undefined && state === "open") batch.notes.push({ sourceId: item.id, kind, text, tags, target, replacement });
      else batch.notes.push({ sourceId: item.id, kind: "comment", text, tags, target });
      continue;
    }
    batch.notes.push({ sourceId: item.id, kind, text, tags, target });
  }
  return batch;
}
