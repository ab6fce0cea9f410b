/**
 * A promise resolved in a later task of the page (posted as a message: a chain of zero-delay
 * timers is held to 4 ms a link by the browser), so that work split in steps lets the browser
 * draw and answer input between them.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
