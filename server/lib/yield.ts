/** Resolves on the next turn of the event loop, after pending I/O: long loops call it between slices. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
