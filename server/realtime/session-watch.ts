/**
 * Sockets live as long as the sign-in they were opened with. Sign-out and sign-in end their
 * sessions' sockets at once (publisher.endSession); this watch catches the rest: sessions that
 * expired, were swept, or were removed on another node while its message was lost. One query per
 * interval for all the sessions this node's sockets use.
 */
import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import type { ScholiaServer } from "./socket-types.ts";

export class SessionWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: ScholiaServer,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.check().catch((e: unknown) => this.logger.warn("session check failed", { err: e })), everyMs);
    this.timer.unref();
  }

  /** Disconnects this node's sockets whose session no longer exists or has expired. */
  async check(): Promise<number> {
    const bySid = new Map<string, string[]>();
    for (const [id, socket] of this.io.of("/").sockets) {
      const sid = socket.data.sid;
      if (sid) bySid.set(sid, [...(bySid.get(sid) ?? []), id]);
    }
    if (bySid.size === 0) return 0;
    const sids = [...bySid.keys()];
    const live = new Set<string>();
    for (let i = 0; i < sids.length; i += 500) {
      const rows = await this.db.session.findMany({ where: { sid: { in: sids.slice(i, i + 500) }, expiresAt: { gt: new Date() } }, select: { sid: true } });
      for (const r of rows) live.add(r.sid);
    }
    let ended = 0;
    for (const [sid, ids] of bySid) {
      if (live.has(sid)) continue;
      for (const id of ids) {
        this.io.of("/").sockets.get(id)?.disconnect(true);
        ended++;
      }
    }
    if (ended) this.logger.info("sockets of ended sessions disconnected", { sockets: ended });
    return ended;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
