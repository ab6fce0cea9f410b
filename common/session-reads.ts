/**
 * The reads that tell the browser who is signed in, by path under /api. Asked by the app as its
 * first script runs (client/src/app/session.tsx) and named as preloads in the page sent to a
 * signed-in visitor (server/http/page-hints.ts): both must spell a path the same way for the
 * browser to take the early answer.
 */
export const sessionReads = {
  me: "/auth/me",
  csrf: "/auth/csrf",
};

/** Every read of the session check, in the order the app asks for them. */
export function sessionCheckReads(): string[] {
  return [sessionReads.me, sessionReads.csrf];
}
