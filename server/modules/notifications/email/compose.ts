/**
 * The e-mails: one notification, or a digest of several, as plain text and simple HTML, with
 * links built on the public origin. Pure; only what the inbox itself would show goes in (the
 * dispatcher passes only notifications the person may still see).
 */
import { notificationHeadline, type NotificationDto } from "../../../../common/notifications.ts";

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The settings page, named at the foot of every message. */
const SETTINGS_PATH = "/settings/notifications";

interface Block {
  headline: string;
  quote: string | null;
  excerpt: string | null;
  url: string | null;
}

function blockOf(n: NotificationDto, origin: string): Block {
  return { headline: notificationHeadline(n), quote: n.quote, excerpt: n.excerpt, url: n.link ? origin + n.link : null };
}

function textOf(b: Block): string {
  return [b.headline, ...(b.quote ? [`  On: “${b.quote}”`] : []), ...(b.excerpt ? [`  ${b.excerpt}`] : []), ...(b.url ? [`  Open the thread: ${b.url}`] : [])].join("\n");
}

function htmlOf(b: Block): string {
  return [
    `<p style="margin:0 0 4px"><strong>${escapeHtml(b.headline)}</strong></p>`,
    b.quote ? `<p style="margin:0 0 4px;color:#555">On: <q>${escapeHtml(b.quote)}</q></p>` : "",
    b.excerpt ? `<blockquote style="margin:0 0 4px;padding-left:8px;border-left:3px solid #ccc">${escapeHtml(b.excerpt)}</blockquote>` : "",
    b.url ? `<p style="margin:0 0 16px"><a href="${escapeHtml(b.url)}">Open the thread</a></p>` : "",
  ].join("");
}

function wrap(origin: string, textBody: string, htmlBody: string): { text: string; html: string } {
  const settings = origin + SETTINGS_PATH;
  return {
    text: `${textBody}\n\n--\nChoose which notifications you get and how: ${settings}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:15px;line-height:1.4">${htmlBody}<hr><p style="color:#555;font-size:13px">Choose which notifications you get and how: <a href="${escapeHtml(settings)}">notification settings</a></p></body></html>`,
  };
}

/** The message for one notification (a mention or an assignment sent at once). */
export function composeOne(n: NotificationDto, origin: string): Mail {
  const b = blockOf(n, origin);
  return { subject: b.headline, ...wrap(origin, textOf(b), htmlOf(b)) };
}

/** The digest of several notifications, newest last. */
export function composeDigest(ns: NotificationDto[], origin: string): Mail {
  const blocks = ns.map((n) => blockOf(n, origin));
  const subject = ns.length === 1 ? blocks[0]!.headline : `${ns.length} new notifications on Scholia`;
  return { subject, ...wrap(origin, blocks.map(textOf).join("\n\n"), blocks.map(htmlOf).join("")) };
}
