/**
 * Batched reads: lookups of the same kind that arrive while one statement of theirs is running wait for it and
 * then go together, in one statement for all their keys (the session of every signed-in request, the item and
 * account a window intake checks). A lookup that arrives when nothing is running starts at once, so a quiet
 * server answers as fast as before; a busy one pays one round trip and one statement for the lookups of the
 * moment instead of one each.
 *
 * Never stale: a lookup joins only a statement that starts after it arrived, so it sees everything committed
 * before its request came in, as a statement of its own would. Nothing is kept between statements.
 */
interface Waiting<K, V> {
  key: K;
  resolve: (value: V) => void;
  reject: (err: unknown) => void;
}

export class BatchedRead<K, V> {
  private queue: Waiting<K, V>[] = [];
  private running = false;
  /** Statements run and keys read in them, for the benchmark's report. */
  readonly stats = { batches: 0, keys: 0 };

  constructor(
    /** Reads the keys in one statement and returns one value per key, in order. */
    private readonly read: (keys: K[]) => Promise<V[]>,
    /**
     * Reads a lookup that goes alone (a quiet server; the embedded database, whose statements run one at a time,
     * where batches do not form), when a plain statement costs less than the batch's form.
     */
    private readonly readOne?: (key: K) => Promise<V>,
    private readonly maxBatch = 128,
  ) {}

  get(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.stats.batches++;
        this.stats.keys += batch.length;
        let values: V[];
        try {
          values = batch.length === 1 && this.readOne ? [await this.readOne(batch[0]!.key)] : await this.read(batch.map((w) => w.key));
          if (values.length !== batch.length) throw new Error(`BatchedRead: ${values.length} values for ${batch.length} keys`);
        } catch (err) {
          // A failed statement (the connection lost, say) fails the lookups that were in it, as it would have
          // failed each of them alone; the next batch starts afresh.
          for (const w of batch) w.reject(err);
          continue;
        }
        for (const [i, w] of batch.entries()) w.resolve(values[i]!);
      }
    } finally {
      this.running = false;
    }
  }
}
