/**
 * Group commit: writes of the same kind that arrive while one transaction of theirs is running wait for it and
 * then go together, in one transaction, written set-wise by `write` (one statement per table, not one per row).
 * A write that arrives when nothing is running starts at once, so a quiet server answers as fast as before; a
 * busy one pays one BEGIN, one COMMIT, one lock of each shared row (a day's counter, an audit chain head) per
 * group instead of per request.
 *
 * Each write keeps its own result and its own error: when a group fails, every write of it is tried again alone,
 * so one bad write fails only its own request. A write is acknowledged only after its group committed; a process
 * killed mid-group leaves none of it behind.
 */
import { performance } from 'node:perf_hooks';
import { inTransaction, type Db, type Tx } from './client';

interface Waiting<P, R> {
  plan: P;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<P, R> {
  private readonly queue: Waiting<P, R>[] = [];
  private running = false;
  private held = false;
  /** Groups committed, writes in them and ms spent in their transactions, for the benchmark's report. */
  readonly stats = { groups: 0, writes: 0, ms: 0 };

  constructor(
    private readonly db: Db,
    /** Writes the plans in the open transaction and returns one result per plan, in order. */
    private readonly write: (tx: Tx, plans: P[]) => Promise<R[]>,
    private readonly maxGroup = 64,
  ) {}

  submit(plan: P): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ plan, resolve, reject });
      if (!this.running && !this.held) void this.drain();
    });
  }

  /** Writes waiting for a group. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Holds the writes that arrive from now on until the returned function is called, then sends them as one group
   * (tests use it to make a group of a known size).
   */
  hold(): () => void {
    this.held = true;
    return () => {
      this.held = false;
      if (!this.running) void this.drain();
    };
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Writes sent in the same turn of the event loop (a burst of requests) start together.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length) await this.run(this.queue.splice(0, this.maxGroup));
    } finally {
      this.running = false;
    }
  }

  private async run(group: Waiting<P, R>[]): Promise<void> {
    try {
      const started = performance.now();
      const results = await inTransaction(this.db, (tx) => this.write(tx, group.map((w) => w.plan)));
      this.count(group.length, started);
      group.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const w of group) {
        try {
          const started = performance.now();
          const results = await inTransaction(this.db, (tx) => this.write(tx, [w.plan]));
          this.count(1, started);
          w.resolve(results[0]!);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }

  private count(writes: number, started: number): void {
    this.stats.groups++;
    this.stats.writes += writes;
    this.stats.ms += performance.now() - started;
  }
}
