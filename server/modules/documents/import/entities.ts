/**
 * Decode HTML character references in text that is otherwise plain (Markdown
 * text tokens keep "&amp;" as written). htmlparser2 does the decoding; "<"
 * is pre-escaped so nothing in the text can be read as a tag.
 */
import { Parser } from "htmlparser2";

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  let out = "";
  const parser = new Parser({ ontext: (data) => (out += data) }, { decodeEntities: true });
  parser.write(text.replace(/</g, "&lt;"));
  parser.end();
  return out;
}
