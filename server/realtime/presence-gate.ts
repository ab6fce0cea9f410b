/**
 * Presence fan-out control. A selection or typing update from one socket is delivered to every
 * other socket in the document's room, so its cost is the room's size. Updates are coalesced
 * per (socket, document, kind): only the latest waits, the older ones are dropped. Each
 * delivery batch is paid for from two token buckets counted in deliveries, one per user (all
 * their sockets together) and one per document; when either is empty, the latest update waits
 * until the buckets refill. The last state always arrives; the rate of deliveries is bounded
 * whatever the clients send.
 */

export interface PresenceBudget {
  /** Deliveries per second one user's presence may cause, and the burst. */
  userPerSecond: number;
  userBurst: number;
  /** Deliveries per second one document's presence may cause, and the burst. */
  documentPerSecond: number;
  documentBurst: number;
}

export const DEFAULT_PRESENCE_BUDGET: PresenceBudget = {
  userPerSecond: 2_000,
  userBurst: 4_000,
  documentPerSecond: 20_000,
  documentBurst: 40_000,
};

/** A bucket that can be drawn by any amount and says when it will hold enough again. */
class Allowance {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  private refill(now: number) {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
  /** Milliseconds until `cost` is available (0: now). Costs above capacity are charged as capacity. */
  waitFor(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity) - this.tokens;
    return need <= 0 ? 0 : Math.ceil((need / this.perSecond) * 1000);
  }
  take(cost: number) {
    this.tokens -= Math.min(cost, this.capacity);
  }
  get full(): boolean {
    return this.tokens >= this.capacity;
  }
}

interface Pending {
  userId: string;
  documentId: string;
  send: () => void;
}

export class PresenceGate {
  private readonly budget: PresenceBudget;
  private readonly pending = new Map<string, Pending>();
  private readonly users = new Map<string, Allowance>();
  private readonly documents = new Map<string, Allowance>();
  private timer: NodeJS.Timeout | null = null;
  private due = 0;

  constructor(
    /** Sockets in the document's room on this node: what one update costs. */
    private readonly roomSize: (documentId: string) => number,
    budget: Partial<PresenceBudget> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.budget = { ...DEFAULT_PRESENCE_BUDGET, ...budget };
  }

  /** Offers an update; `key` names what it replaces (socket, document and kind). */
  offer(key: string, userId: string, documentId: string, send: () => void): void {
    this.pending.delete(key);
    const item: Pending = { userId, documentId, send };
    const wait = this.trySend(item, this.now());
    if (wait === 0) return;
    this.pending.set(key, item);
    this.schedule(wait);
  }

  /** Forgets what a socket still had waiting (it disconnected or left). */
  drop(keyPrefix: string): void {
    for (const key of this.pending.keys()) if (key.startsWith(keyPrefix)) this.pending.delete(key);
  }

  private allowance(map: Map<string, Allowance>, id: string, perSecond: number, burst: number): Allowance {
    let a = map.get(id);
    if (!a) {
      if (map.size >= 1_000) this.forgetFull(map);
      a = new Allowance(burst, perSecond, this.now());
      map.set(id, a);
    }
    return a;
  }

  /** Sends `p` if both buckets allow it (answers 0), else answers how long to wait. */
  private trySend(p: Pending, now: number): number {
    const cost = Math.max(1, this.roomSize(p.documentId) - 1);
    const user = this.allowance(this.users, p.userId, this.budget.userPerSecond, this.budget.userBurst);
    const doc = this.allowance(this.documents, p.documentId, this.budget.documentPerSecond, this.budget.documentBurst);
    const wait = Math.max(user.waitFor(cost, now), doc.waitFor(cost, now));
    if (wait > 0) return wait;
    user.take(cost);
    doc.take(cost);
    p.send();
    return 0;
  }

  private schedule(waitMs: number): void {
    const due = this.now() + Math.max(10, waitMs);
    if (this.timer && this.due <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => this.flush(), due - this.now());
    this.timer.unref();
  }

  /** Sends what the buckets now allow, oldest first; waits again for the rest. */
  private flush(): void {
    this.timer = null;
    const now = this.now();
    let soonest = Infinity;
    for (const [key, p] of this.pending) {
      const wait = this.trySend(p, now);
      if (wait === 0) this.pending.delete(key);
      else soonest = Math.min(soonest, wait);
    }
    if (soonest < Infinity) this.schedule(soonest);
  }

  /** A full bucket is the same as a new one: dropping it keeps the maps as small as the active set. */
  private forgetFull(map: Map<string, Allowance>): void {
    const now = this.now();
    for (const [id, a] of map) {
      a.waitFor(0, now);
      if (a.full) map.delete(id);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
