/**
 * The rich-text schema of annotation and reply bodies: the same TipTap extensions the browser
 * editor uses, so the server can check that a stored body is one the editor could produce.
 */
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Mention from "@tiptap/extension-mention";

/** Only these URL schemes may appear in links. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** The extensions of the body editor (no headings, code blocks, quotes or rules in notes). */
export function bodyExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: false,
      codeBlock: false,
      blockquote: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"], isAllowedUri: (url) => SAFE_LINK.test(url) },
    }),
    Mention.configure({ HTMLAttributes: { class: "mention" } }),
  ];
}

export const bodySchema = getSchema(bodyExtensions());
