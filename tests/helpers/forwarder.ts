/**
 * A loopback port held open for a whole run and piped to a server started afterwards on port 0.
 *
 * Why: a browser sends its page's origin with every write and every socket handshake, and the
 * server accepts only the origins it was configured with, so a browser's origin must be known
 * before the server starts. This port is bound first and never released, so its origin can go
 * into the server's configuration and nothing else can take the port in between (closing a
 * probe socket and reusing its port leaves that window open).
 */
import { connect, createServer, type AddressInfo, type Socket } from "node:net";

export interface Forwarder {
  port: number;
  /** `http://127.0.0.1:<port>`: the origin to allow and to point the browser at. */
  origin: string;
  /** Pipes every connection from now on to the server listening on `port` on loopback. */
  forwardTo(port: number): void;
  close(): Promise<void>;
}

/** Binds a loopback port (port 0: the system chooses) that forwards once told where to. */
export async function openForwarder(): Promise<Forwarder> {
  let target: number | null = null;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (target === null) return void client.destroy();
    const upstream = connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.once("close", () => open.delete(s));
      // One side failing ends both: the browser sees a closed connection, as it would without us.
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    forwardTo(p) {
      target = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
