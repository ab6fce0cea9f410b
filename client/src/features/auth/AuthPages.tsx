/**
 * Sign in and register, validated with the shared zod schemas before anything is sent. These
 * screens are in the first script, which holds no zod: the schemas load when the registration
 * form is shown, and for sign-in only when its zod-free check (login-check.ts) refuses the fields.
 */
import { useEffect, useState, type FormEvent } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../../common/auth-limits.ts";
import { ApiError } from "../../api/http.ts";
import { Link, matchRoute } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { FieldError, FormError } from "../../ui/FormMessages.tsx";
import { checkLogin } from "./login-check.ts";
import "./auth.css";

const loadSchemas = () => import("../../../../common/auth.ts");

type Errors = Record<string, string>;

function zodErrors(issues: Array<{ path: PropertyKey[]; message: string }>): Errors {
  const out: Errors = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= i.message;
  return out;
}

/**
 * Someone who opened an invite link while signed out lands here with it as `next`. The invite's
 * details need a session, so say what will happen: sign in or register, then the invite.
 */
function InviteNotice({ next }: { next: string }) {
  if (matchRoute(next).name !== "invite") return null;
  return (
    <div className="invite-notice" role="note">
      <p>
        <strong>You have been invited to a workspace.</strong> Sign in, or create an account if you are new here, and you will go straight on to the invitation
        to join it.
      </p>
      <p className="hint">Which workspace and role it is for is shown once you are signed in.</p>
    </div>
  );
}

function withNext(path: string, next: string) {
  return next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;
}

export function SignInPage({ next }: { next: string }) {
  const { signIn } = useSession();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fields = { email: form.get("email"), password: form.get("password") };
    let data = checkLogin(fields);
    if (!data) {
      const parsed = await loadSchemas().then((m) => m.LoginSchema.safeParse(fields), () => null);
      if (!parsed) return setErrors({ form: "Could not sign in" });
      if (!parsed.success) return setErrors(zodErrors(parsed.error.issues));
      data = parsed.data;
    }
    setErrors({});
    setBusy(true);
    try {
      await signIn(data.email, data.password);
    } catch (err) {
      setErrors({ form: err instanceof ApiError ? err.message : "Could not sign in" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow auth">
      <h1 tabIndex={-1}>Sign in</h1>
      <InviteNotice next={next} />
      <form onSubmit={handleSubmit} noValidate aria-describedby={errors.form ? "signin-error" : undefined}>
        <FormError id="signin-error" message={errors.form} />
        <label htmlFor="signin-email">E-mail</label>
        <input id="signin-email" name="email" type="email" autoComplete="username" required aria-invalid={!!errors.email} aria-describedby="signin-email-error" />
        <FieldError id="signin-email-error" message={errors.email} />
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" name="password" type="password" autoComplete="current-password" required aria-invalid={!!errors.password} aria-describedby="signin-password-error" />
        <FieldError id="signin-password-error" message={errors.password} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        New here? <Link to={withNext("/register", next)}>Create an account</Link>
      </p>
    </section>
  );
}

export function RegisterPage({ next }: { next: string }) {
  const { register } = useSession();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  // The schemas arrive while the form is filled in.
  useEffect(() => void loadSchemas().catch(() => undefined), []);

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fields = { email: form.get("email"), password: form.get("password"), displayName: form.get("displayName") };
    const parsed = await loadSchemas().then((m) => m.RegisterSchema.safeParse(fields), () => null);
    if (!parsed) return setErrors({ form: "Could not register" });
    if (!parsed.success) return setErrors(zodErrors(parsed.error.issues));
    setErrors({});
    setBusy(true);
    try {
      await register(parsed.data.email, parsed.data.password, parsed.data.displayName);
    } catch (err) {
      if (err instanceof ApiError && err.field) setErrors({ [err.field]: err.message });
      else setErrors({ form: err instanceof Error ? err.message : "Could not register" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow auth">
      <h1 tabIndex={-1}>Create an account</h1>
      <InviteNotice next={next} />
      <form onSubmit={handleSubmit} noValidate>
        <FormError id="register-error" message={errors.form} />
        <label htmlFor="register-name">Display name</label>
        <input id="register-name" name="displayName" autoComplete="name" required aria-invalid={!!errors.displayName} aria-describedby="register-name-error" />
        <FieldError id="register-name-error" message={errors.displayName} />
        <label htmlFor="register-email">E-mail</label>
        <input id="register-email" name="email" type="email" autoComplete="email" required aria-invalid={!!errors.email} aria-describedby="register-email-error" />
        <FieldError id="register-email-error" message={errors.email} />
        <label htmlFor="register-password">Password</label>
        <input
          id="register-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          aria-invalid={!!errors.password}
          aria-describedby="register-password-hint register-password-error"
        />
        <p id="register-password-hint" className="hint">
          At least {PASSWORD_MIN_LENGTH} characters.
        </p>
        <FieldError id="register-password-error" message={errors.password} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </form>
      <p>
        Have an account? <Link to={withNext("/signin", next)}>Sign in</Link>
      </p>
    </section>
  );
}
