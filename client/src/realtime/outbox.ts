/**
 * Mutations waiting to be sent, persisted in localStorage so they survive a reload. Each entry
 * carries its clientMutationId, so sending it again after a lost ack writes nothing twice.
 * Every change re-reads storage first: another tab of the same user may have changed it.
 */
import type { MutationMap, MutationName } from "../../../common/realtime.ts";

export type OutboxEntry = {
  [N in MutationName]: {
    id: string;
    name: N;
    documentId: string;
    input: MutationMap[N]["input"] & { clientMutationId: string };
    createdAt: number;
  };
}[MutationName];

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem">;

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh clientMutationId (22 random characters of [A-Za-z0-9]). */
export function newClientMutationId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  let out = "";
  for (const b of random(22)) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

function isEntry(v: unknown): v is OutboxEntry {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.id === "string" && typeof e.name === "string" && typeof e.documentId === "string" && typeof e.input === "object" && e.input !== null;
}

export class Outbox {
  private entries: OutboxEntry[];
  private listeners = new Set<() => void>();

  constructor(
    private readonly storage: KeyValueStorage,
    readonly key: string,
  ) {
    this.entries = this.read();
  }

  /** The waiting entries, oldest first (optionally for one document). */
  list(documentId?: string): OutboxEntry[] {
    return documentId ? this.entries.filter((e) => e.documentId === documentId) : this.entries;
  }

  get size(): number {
    return this.entries.length;
  }

  add(entry: OutboxEntry): void {
    const current = this.read();
    if (!current.some((e) => e.id === entry.id)) current.push(entry);
    this.write(current);
  }

  remove(id: string): void {
    this.write(this.read().filter((e) => e.id !== id));
  }

  /** Picks up changes made elsewhere (another tab's `storage` event). */
  refresh(): void {
    this.entries = this.read();
    this.emit();
  }

  /** Bound, so it can be handed to useSyncExternalStore as is. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private read(): OutboxEntry[] {
    try {
      const raw = this.storage.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  private write(entries: OutboxEntry[]) {
    this.entries = entries;
    try {
      this.storage.setItem(this.key, JSON.stringify(entries));
    } catch {
      // Storage full or blocked: the entries still live in memory for this page.
    }
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}
