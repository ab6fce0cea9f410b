/**
 * express-session store on the app's own database, so every node sees every session.
 * Expired rows are ignored on read and swept periodically.
 */
import session from "express-session";
import type { Db } from "../db/client.ts";

const DEFAULT_TTL_MS = 14 * 24 * 3600 * 1000;

type Callback<T = void> = (err?: unknown, value?: T) => void;

export class DbSessionStore extends session.Store {
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {
    super();
  }

  /** Starts removing expired sessions every `everyMs`. */
  startSweeping(everyMs = 15 * 60 * 1000): void {
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), everyMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  async sweep(): Promise<number> {
    const { count } = await this.db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return count;
  }

  private expiryOf(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.db.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return cb(undefined, null);
        cb(undefined, JSON.parse(row.data) as session.SessionData);
      })
      .catch((e: unknown) => cb(e));
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const data = JSON.stringify(sess);
    const expiresAt = this.expiryOf(sess);
    this.db.session
      .upsert({ where: { sid }, create: { sid, data, expiresAt }, update: { data, expiresAt } })
      .then(() => cb?.())
      .catch((e: unknown) => cb?.(e));
  }

  override destroy(sid: string, cb?: Callback): void {
    this.db.session
      .deleteMany({ where: { sid } })
      .then(() => cb?.())
      .catch((e: unknown) => cb?.(e));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.db.session
      .updateMany({ where: { sid }, data: { expiresAt: this.expiryOf(sess) } })
      .then(() => cb?.())
      .catch((e: unknown) => cb?.(e));
  }
}
