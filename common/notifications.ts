/**
 * Notifications: what a person's inbox holds, the queries and changes it takes, the settings a
 * person chooses, and the words a notification is shown in (the inbox and the e-mails say the
 * same thing). Shared by the API, the socket push and the browser.
 */
import { z } from "zod";
import { ClientMutationIdSchema, IdSchema } from "./workspaces.ts";
import type { ClaimStatus } from "./review.ts";

/**
 * Why a person is told: someone @mentioned them, replied in a thread they started or replied in,
 * assigned them a claim, decided a verdict on their claim, or accepted their suggestion.
 */
export const NOTIFICATION_KINDS = ["mention", "reply", "assignment", "verdict", "suggestion"] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds in words, for the settings form and the inbox filter. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  mention: "Someone mentions me",
  reply: "Replies in threads I started or replied in",
  assignment: "A claim is assigned to me",
  verdict: "A verdict is decided on my claim",
  suggestion: "My suggestion is accepted",
};

/**
 * E-mail: none; `immediate` sends mentions and assignments at once, one message each, and the
 * rest in a digest; `digest` sends everything in the digest.
 */
export const EMAIL_MODES = ["off", "immediate", "digest"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const EMAIL_MODE_LABELS: Record<EmailMode, string> = {
  off: "No e-mail",
  immediate: "Mentions and assignments at once, the rest in a digest",
  digest: "Everything in a digest",
};

/** The kinds that are worth an e-mail of their own in `immediate` mode. */
export const IMMEDIATE_KINDS: readonly NotificationKind[] = ["mention", "assignment"];

export const NotificationKindsSchema = z.strictObject({
  mention: z.boolean(),
  reply: z.boolean(),
  assignment: z.boolean(),
  verdict: z.boolean(),
  suggestion: z.boolean(),
} satisfies Record<NotificationKind, z.ZodBoolean>);

/** PUT /api/me/notification-settings: the whole settings, replacing the previous ones. */
export const NotificationSettingsSchema = z.strictObject({
  kinds: NotificationKindsSchema,
  email: z.enum(EMAIL_MODES),
  clientMutationId: ClientMutationIdSchema.optional(),
});
export type NotificationSettingsInput = z.input<typeof NotificationSettingsSchema>;

export interface NotificationSettingsDto {
  kinds: Record<NotificationKind, boolean>;
  email: EmailMode;
  /** Whether this server sends e-mail at all (SMTP configured). */
  emailAvailable: boolean;
}

/** Everyone starts with every kind on and immediate e-mail. */
export const DEFAULT_NOTIFICATION_SETTINGS: Pick<NotificationSettingsDto, "kinds" | "email"> = {
  kinds: { mention: true, reply: true, assignment: true, verdict: true, suggestion: true },
  email: "immediate",
};

export const NotificationListQuerySchema = z.object({
  /** `true`: unread ones only. */
  unread: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** The `nextBefore` of the previous page. */
  before: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "is not a cursor from this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationListQuery = z.output<typeof NotificationListQuerySchema>;

export const MAX_MARK_READ = 200;

export const NotificationsMarkReadSchema = z.object({
  ids: z
    .array(IdSchema)
    .min(1, "give at least one notification id")
    .max(MAX_MARK_READ, `at most ${MAX_MARK_READ} at once`),
  clientMutationId: ClientMutationIdSchema.optional(),
});

export const NotificationsMarkAllReadSchema = z.object({ clientMutationId: ClientMutationIdSchema.optional() });

/** One inbox entry. */
export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  workspaceId: string;
  /**
   * False once the person is no longer a member of the workspace: then nothing about the content
   * (who, where, what) is shown, and every field below is null.
   */
  accessible: boolean;
  actor: { id: string; displayName: string } | null;
  documentId: string | null;
  documentTitle: string | null;
  annotationId: string | null;
  replyId: string | null;
  /** The passage the thread is on (shortened). */
  quote: string | null;
  /** The note or reply that mentions or answers (shortened). */
  excerpt: string | null;
  /** For a verdict: the claim's new status. */
  status: ClaimStatus | null;
  /** Where it opens in the app: the document with the thread open at its passage; null when gone. */
  link: string | null;
}

export interface NotificationPageDto {
  notifications: NotificationDto[];
  nextBefore: string | null;
  unread: number;
}

/** The app's address of a thread: the document with the annotation open at its passage. */
export function threadLink(documentId: string, annotationId: string): string {
  return `/d/${encodeURIComponent(documentId)}?a=${encodeURIComponent(annotationId)}`;
}

export { notificationHeadline } from "./notification-headline.ts";
