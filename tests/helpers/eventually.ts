/**
 * Waiting for a condition instead of sleeping a fixed time: the wait ends as soon as the check
 * passes, and a check that never passes fails with its own last error (an assertion says what
 * was expected), not with a timeout.
 */

/** Runs `check` until it stops throwing and returns its result, or rethrows its last error after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, stepMs = 20): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() >= until) throw e;
      await pause(stepMs);
    }
  }
}

/**
 * A deliberate pause, for the few waits that are not for a condition: a timer the real client
 * keeps (so a test client behaves like it), or the time in which something that must not
 * happen would have happened. Each call says which.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
