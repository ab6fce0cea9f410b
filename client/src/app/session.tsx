/** Who is signed in, with sign-in, registration and sign-out, for the whole app. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { UserDto } from "../../../common/auth.ts";
import { sessionReads } from "../../../common/session-reads.ts";
import { api, setCsrfToken, setUnauthenticatedHandler } from "../api/http.ts";

type SessionState = { status: "loading" } | { status: "signedOut" } | { status: "signedIn"; user: UserDto };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  register(email: string, password: string, displayName: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** A token for the first POST: a request with a session cookie must carry one. */
async function freshCsrf(): Promise<void> {
  const { token } = await api.get<{ token: string }>(sessionReads.csrf);
  setCsrfToken(token);
}

/** Who is signed in (null: nobody), with a CSRF token for them. */
function checkSession(): Promise<UserDto | null> {
  // Both at once: the token is needed only when signed in, but waiting for "me" first costs a round trip.
  return Promise.all([api.get<{ user: UserDto }>(sessionReads.me, { quiet401: true }), freshCsrf()]).then(
    ([{ user }]) => user,
    () => null,
  );
}

let firstCheck: Promise<UserDto | null> | null = null;

/**
 * Starts the session check as the first script runs (main.tsx), rather than after the first
 * render: every private screen waits for it. The provider takes this answer once.
 */
export function startSessionCheck(): void {
  firstCheck ??= checkSession();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    setUnauthenticatedHandler(() => setState({ status: "signedOut" }));
    let cancelled = false;
    const check = firstCheck ?? checkSession();
    firstCheck = null;
    void check.then((user) => {
      if (!cancelled) setState(user ? { status: "signedIn", user } : { status: "signedOut" });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    await freshCsrf();
    const { user, csrfToken } = await api.post<{ user: UserDto; csrfToken: string }>("/auth/login", { email, password });
    setCsrfToken(csrfToken);
    setState({ status: "signedIn", user });
  }, []);

  const register = useCallback(async (email: string, password: string, displayName: string) => {
    await freshCsrf();
    const { user, csrfToken } = await api.post<{ user: UserDto; csrfToken: string }>("/auth/register", { email, password, displayName });
    setCsrfToken(csrfToken);
    setState({ status: "signedIn", user });
  }, []);

  const signOut = useCallback(async () => {
    await api.post("/auth/logout").catch(() => undefined);
    setCsrfToken("");
    setState({ status: "signedOut" });
  }, []);

  const value = useMemo(() => ({ state, signIn, register, signOut }), [state, signIn, register, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

/** The signed-in user (only under a signed-in screen). */
export function useMe(): UserDto {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useMe while signed out");
  return state.user;
}
