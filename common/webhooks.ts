/**
 * Workspace webhooks: the event types one can subscribe to, the shapes of the API, the body a
 * receiver gets and how it is signed. Shared by the API and the browser.
 *
 * A delivery is a POST of JSON `{id, type, workspaceId, occurredAt, data}` with
 * `X-Scholia-Timestamp: <unix seconds>` and
 * `X-Scholia-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed by the secret>`.
 */
import { z } from "zod";
import type { DocumentEventType, WorkspaceEventType } from "./events.ts";
import { ClientMutationIdSchema, IdSchema, type Role } from "./workspaces.ts";
import { MAX_INT32, type PersonDto } from "./annotations.ts";
import { storedText } from "./text-policy.ts";

/** Every event of the two logs except the webhooks' own (a webhook cannot subscribe to changes of webhooks). */
export type WebhookEventType = Exclude<DocumentEventType | WorkspaceEventType, `webhook.${string}`>;

/** The event types in words; a type added to common/events.ts does not compile until it has one here. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "annotation.created": "Annotation created",
  "annotation.updated": "Annotation edited",
  "annotation.deleted": "Annotation deleted",
  "annotations.imported": "Annotations imported from a file",
  "reply.created": "Reply posted",
  "reply.updated": "Reply edited",
  "reply.deleted": "Reply deleted",
  "claim.reviewed": "Claim reviewed or decided",
  "claim.assigned": "Claim assigned",
  "tags.merged": "Tags merged on annotations",
  "document.imported": "Document imported",
  "document.edited": "Document edited",
  "document.deleted": "Document deleted",
  "document.exported": "Document exported",
  "workspace.created": "Workspace created",
  "workspace.renamed": "Workspace renamed",
  "member.joined": "Member joined",
  "member.role_changed": "Member's role changed",
  "member.removed": "Member removed or left",
  "invite.created": "Invite created",
  "invite.accepted": "Invite accepted",
  "invite.revoked": "Invite revoked",
  "tag.created": "Tag created",
  "tag.updated": "Tag changed",
  "tag.merged": "Tag merged",
};

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEventType[];

/** The picker's groups: event types by what they are about (their first part). */
export function webhookEventGroups(): Array<{ group: string; types: WebhookEventType[] }> {
  const groups = new Map<string, WebhookEventType[]>();
  for (const t of WEBHOOK_EVENT_TYPES) {
    const head = t.split(".")[0]!.replace(/s$/, "");
    groups.set(head, [...(groups.get(head) ?? []), t]);
  }
  return [...groups].map(([group, types]) => ({ group, types }));
}

/** The type of a test delivery (sent on request, not from the logs). */
export const WEBHOOK_TEST_TYPE = "webhook.test";

export const SIGNATURE_HEADER = "X-Scholia-Signature";
export const TIMESTAMP_HEADER = "X-Scholia-Timestamp";

/** What the signature covers: the timestamp header's value, a dot, and the raw body. */
export function signedPayload(timestamp: string, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}

function parsedUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** An absolute http(s) URL without a user name or password (they would be shown to every editor). */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(2_000)
  .refine((s) => {
    const u = parsedUrl(s);
    return u !== null && (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
  }, "must be an absolute http or https URL")
  .refine((s) => {
    const u = parsedUrl(s);
    return !u || (u.username === "" && u.password === "");
  }, "must not contain a user name or password");

export const WebhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "choose at least one event type")
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((ts) => new Set(ts).size === ts.length, "must not repeat an event type");

const DescriptionSchema = storedText(200);
const VersionSchema = z.number().int().min(1).max(MAX_INT32);

/** No clientMutationId: the answer holds the secret, which is never stored anywhere else. */
export const WebhookCreateSchema = z.object({
  workspaceId: IdSchema,
  url: WebhookUrlSchema,
  events: WebhookEventsSchema,
  description: DescriptionSchema.default(""),
  active: z.boolean().default(true),
});
export type WebhookCreateInput = z.input<typeof WebhookCreateSchema>;

export const WebhookUpdateSchema = z
  .object({
    workspaceId: IdSchema,
    webhookId: IdSchema,
    version: VersionSchema,
    url: WebhookUrlSchema.optional(),
    events: WebhookEventsSchema.optional(),
    description: DescriptionSchema.optional(),
    active: z.boolean().optional(),
    clientMutationId: ClientMutationIdSchema.optional(),
  })
  .refine((v) => [v.url, v.events, v.description, v.active].some((x) => x !== undefined), { message: "nothing to change: give url, events, description or active", path: ["url"] });

export const WebhookRefSchema = z.object({ workspaceId: IdSchema, webhookId: IdSchema, clientMutationId: ClientMutationIdSchema.optional() });

export const WebhookRedeliverSchema = WebhookRefSchema.extend({ deliveryId: IdSchema });

export const DELIVERY_STATES = ["pending", "succeeded", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DeliveryListQuerySchema = z.object({
  before: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "is not a cursor from this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** A webhook as editors see it: never its secret. */
export interface WebhookDto {
  id: string;
  workspaceId: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  active: boolean;
  version: number;
  /** Who last set its address or events (deliveries follow their role); null when unknown. */
  createdBy: PersonDto | null;
  /** Their role in the workspace now, which decides what is sent: null when they are no longer a member (nothing is sent). */
  setterRole: Role | null;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a create: the only time the secret is shown. */
export interface WebhookCreatedDto {
  webhook: WebhookDto;
  secret: string;
}

/** One delivery in a webhook's log. */
export interface WebhookDeliveryDto {
  id: string;
  webhookId: string;
  /** The body's `id`: the same on every attempt and redelivery of one event. */
  eventId: string;
  type: string;
  state: DeliveryState;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  /** The HTTP status of the last attempt; null when none came (network error, timeout, refused address). */
  lastStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  /** The first characters of the last response body. */
  responseExcerpt: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface WebhookDeliveryPageDto {
  deliveries: WebhookDeliveryDto[];
  nextBefore: string | null;
}

/** What a receiver gets. */
export interface WebhookBody {
  /** The event's id ("d.<documentId>.<seq>", "w.<workspaceId>.<seq>"), or "test.<id>": the same on retries. */
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_TYPE;
  workspaceId: string;
  occurredAt: string;
  data: {
    documentId: string | null;
    seq: number | null;
    actorId: string | null;
    payload: unknown;
  };
}
