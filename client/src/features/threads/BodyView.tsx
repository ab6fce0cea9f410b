/**
 * Shows a stored body. Rich bodies are rendered node by node into React elements (never as
 * HTML): only the body schema's nodes and marks are drawn, links only when http(s)/mailto.
 */
import type { ReactNode } from "react";
import type { Body } from "../../../../common/bodies.ts";
import { SAFE_LINK } from "../../../../common/editor/body-schema.ts";

interface JsonNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type?: string; attrs?: Record<string, unknown> }>;
  content?: JsonNode[];
}

function withMarks(text: ReactNode, marks: JsonNode["marks"], key: string): ReactNode {
  let out = text;
  for (const [i, m] of (marks ?? []).entries()) {
    const k = `${key}-m${i}`;
    if (m.type === "bold") out = <strong key={k}>{out}</strong>;
    else if (m.type === "italic") out = <em key={k}>{out}</em>;
    else if (m.type === "code") out = <code key={k}>{out}</code>;
    else if (m.type === "link" && typeof m.attrs?.href === "string" && SAFE_LINK.test(m.attrs.href))
      out = (
        <a key={k} href={m.attrs.href} target="_blank" rel="noopener noreferrer nofollow">
          {out}
        </a>
      );
  }
  return out;
}

function renderNode(n: JsonNode, key: string): ReactNode {
  const children = (n.content ?? []).map((c, i) => renderNode(c, `${key}-${i}`));
  switch (n.type) {
    case "text":
      return <span key={key}>{withMarks(n.text ?? "", n.marks, key)}</span>;
    case "mention":
      return (
        <span key={key} className="mention">
          @{String(n.attrs?.label ?? n.attrs?.id ?? "")}
        </span>
      );
    case "hardBreak":
      return <br key={key} />;
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return <ol key={key}>{children}</ol>;
    case "listItem":
      return <li key={key}>{children}</li>;
    default:
      return <span key={key}>{children}</span>;
  }
}

export function BodyView({ body }: { body: Body }) {
  if (body.format === "rich") return <div className="body">{renderNode(body.doc as JsonNode, "b")}</div>;
  if (!body.text) return null;
  return (
    <div className="body">
      {body.text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </div>
  );
}
