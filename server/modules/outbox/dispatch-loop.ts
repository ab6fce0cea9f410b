/**
 * A node's loop over an outbox: runs `tick` every `intervalMs`, at once when kicked (a change on
 * this node queued something), and again straight away while a tick finds a full batch. One
 * tick at a time; `stop` waits for the running one, but not past a grace period: a delivery to a
 * slow receiver must not hold up a node's shutdown. What it leaves claimed is claimed again when
 * its lease runs out, by another node or by this one after its restart.
 */
import type { Logger } from "../../lib/logger.ts";

/** How long `stop` waits for a batch in flight. */
const STOP_GRACE_MS = 3000;

/** Does one batch of work; true when there may be more right away. */
export type Tick = () => Promise<boolean>;

export class DispatchLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly tick: Tick,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Run as soon as possible (after the tick in progress, if any). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(`${this.name} dispatch still busy at shutdown; its claimed rows will be retried after their lease`);
        resolve();
      }, graceMs);
    });
    await Promise.race([this.running, late]);
    clearTimeout(timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.running || this.stopped) return;
    let more = false;
    this.running = (async () => {
      try {
        more = await this.tick();
      } catch (e) {
        this.logger.error(`${this.name} dispatch failed`, { error: (e as Error).message });
      }
    })();
    await this.running;
    this.running = null;
    const now = more || this.again;
    this.again = false;
    this.schedule(now ? 0 : this.intervalMs);
  }
}
