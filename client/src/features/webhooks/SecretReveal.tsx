/**
 * A new webhook's signing secret, shown once: the server keeps it only to sign deliveries and
 * never shows it again. Copy it into the receiver's configuration now.
 */
import { useEffect, useRef, useState } from "react";
import { copyText } from "../../ui/clipboard.ts";

export function SecretReveal({ secret, url, onDone }: { secret: string; url: string; onDone(): void }) {
  const field = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<"yes" | "refused" | null>(null);
  // Announced and reachable at once: focus moves here from the form that made it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel secret-reveal" aria-labelledby="secret-heading">
      <h2 id="secret-heading" ref={heading} tabIndex={-1}>
        Webhook added: copy its secret now
      </h2>
      <p className="hint webhook-url">For {url}</p>
      <label htmlFor="webhook-secret">Signing secret</label>
      <div className="copy-row">
        <input id="webhook-secret" ref={field} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} aria-describedby="webhook-secret-note" spellCheck={false} />
        <button type="button" onClick={() => void copyText(secret, field.current).then((ok) => setCopied(ok ? "yes" : "refused"))}>
          Copy secret
        </button>
      </div>
      <p id="webhook-secret-note" className="hint">
        This is the only time it is shown. Receivers check each delivery's <code>X-Scholia-Signature</code> header with it: HMAC-SHA256 of{" "}
        <code>X-Scholia-Timestamp</code>, a dot and the raw body. If it is lost, delete the webhook and add it again.
      </p>
      <p aria-live="polite" className="copy-outcome">
        {copied === "yes" && "Secret copied."}
        {copied === "refused" && "The browser did not allow copying: the secret is selected, press Ctrl+C (⌘C on a Mac) to copy it."}
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
