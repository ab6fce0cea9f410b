/**
 * Notification settings (/settings/notifications): which kinds to be told of, and e-mail (off,
 * mentions and assignments at once with the rest in a digest, or everything in a digest).
 */
import { useEffect, useState, type FormEvent } from "react";
import {
  EMAIL_MODE_LABELS,
  EMAIL_MODES,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type EmailMode,
  type NotificationKind,
  type NotificationSettingsDto,
} from "../../../../common/notifications.ts";
import { ApiError } from "../../api/http.ts";
import { Link } from "../../app/router.tsx";
import { FormError } from "../../ui/FormMessages.tsx";
import { notificationsApi } from "./notifications-api.ts";
import "./notifications.css";

export default function NotificationSettingsPage() {
  const [settings, setSettings] = useState<NotificationSettingsDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState("");

  useEffect(() => {
    notificationsApi.settings().then(
      ({ settings: s }) => setSettings(s),
      (e: unknown) => setLoadError(e instanceof ApiError ? e.message : "The settings could not be read."),
    );
  }, []);

  function setKind(kind: NotificationKind, on: boolean) {
    setSaved("");
    setSettings((s) => (s ? { ...s, kinds: { ...s.kinds, [kind]: on } } : s));
  }

  function setEmail(email: EmailMode) {
    setSaved("");
    setSettings((s) => (s ? { ...s, email } : s));
  }

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!settings) return;
    setBusy(true);
    try {
      const res = await notificationsApi.saveSettings({ kinds: settings.kinds, email: settings.email });
      setSettings(res.settings);
      setError(undefined);
      setSaved("Settings saved.");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The settings could not be saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow notification-settings">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/notifications">Notifications</Link> <span aria-hidden="true">/</span> <span aria-current="page">Settings</span>
      </nav>
      <h1 tabIndex={-1}>Notification settings</h1>
      {loadError && <p role="alert">{loadError}</p>}
      {!settings && !loadError && <p className="loading">Loading…</p>}
      {settings && (
        <form onSubmit={(e) => void handleSubmit(e)} aria-describedby="settings-error">
          <fieldset>
            <legend>Tell me when</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <div key={kind} className="check-row">
                <input id={`kind-${kind}`} type="checkbox" checked={settings.kinds[kind]} onChange={(e) => setKind(kind, e.currentTarget.checked)} />
                <label htmlFor={`kind-${kind}`}>{NOTIFICATION_KIND_LABELS[kind]}</label>
              </div>
            ))}
          </fieldset>
          <fieldset disabled={!settings.emailAvailable} aria-describedby="email-note">
            <legend>E-mail</legend>
            {EMAIL_MODES.map((mode) => (
              <div key={mode} className="check-row">
                <input id={`email-${mode}`} type="radio" name="email" checked={settings.email === mode} onChange={() => setEmail(mode)} />
                <label htmlFor={`email-${mode}`}>{EMAIL_MODE_LABELS[mode]}</label>
              </div>
            ))}
            <p id="email-note" className="hint">
              {settings.emailAvailable ? "E-mails link to the thread; nothing is sent about a workspace you have left." : "This server does not send e-mail: notifications appear here and under the bell only."}
            </p>
          </fieldset>
          <FormError id="settings-error" message={error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Save settings
            </button>
          </div>
          <p role="status" className="muted">
            {saved}
          </p>
        </form>
      )}
    </section>
  );
}
