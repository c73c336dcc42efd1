import { describe, expect, it } from 'vitest';
import { BatchedRead } from './batched-read';

/** A read whose statements the test finishes by hand, recording the keys of each. */
function manualRead() {
  const statements: { keys: number[]; finish: (fail?: Error) => void }[] = [];
  const read = (keys: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      statements.push({ keys, finish: (fail) => (fail ? reject(fail) : resolve(keys.map((k) => `v${k}`))) });
    });
  return { statements, read };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('batched reads', () => {
  it('starts a lone lookup at once, and sends those that arrive meanwhile together in the next statement', async () => {
    const { statements, read } = manualRead();
    const reader = new BatchedRead(read);
    const first = reader.get(1);
    await tick();
    expect(statements.map((s) => s.keys)).toEqual([[1]]);
    const later = [reader.get(2), reader.get(3), reader.get(4)];
    await tick();
    // They arrived after the first statement started: they wait for it instead of joining it.
    expect(statements).toHaveLength(1);
    statements[0]!.finish();
    expect(await first).toBe('v1');
    await tick();
    expect(statements.map((s) => s.keys)).toEqual([[1], [2, 3, 4]]);
    statements[1]!.finish();
    expect(await Promise.all(later)).toEqual(['v2', 'v3', 'v4']);
    expect(reader.stats).toEqual({ batches: 2, keys: 4 });
  });

  it('reads a lone lookup with the single-key reader when there is one, and a batch with the batch reader', async () => {
    const { statements, read } = manualRead();
    const alone: number[] = [];
    const reader = new BatchedRead(read, async (key: number) => (alone.push(key), `one${key}`));
    expect(await reader.get(1)).toBe('one1');
    const first = reader.get(2);
    const together = [reader.get(3), reader.get(4)];
    expect(await first).toBe('one2');
    await tick();
    statements[0]!.finish();
    expect(await Promise.all(together)).toEqual(['v3', 'v4']);
    expect(alone).toEqual([1, 2]);
    expect(statements.map((s) => s.keys)).toEqual([[3, 4]]);
  });

  it('fails only the lookups of a failed statement; the next batch reads afresh', async () => {
    const { statements, read } = manualRead();
    const reader = new BatchedRead(read);
    const first = reader.get(1);
    const waiting = [reader.get(2), reader.get(3)];
    await tick();
    statements[0]!.finish(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    statements[1]!.finish();
    expect(await Promise.all(waiting)).toEqual(['v2', 'v3']);
  });

  it('keeps batches within their maximum size and refuses a read that answers the wrong number of values', async () => {
    const { statements, read } = manualRead();
    const reader = new BatchedRead(read, undefined, 2);
    const all = [1, 2, 3, 4, 5].map((k) => reader.get(k));
    for (let i = 0; i < 3; i++) {
      await tick();
      statements[i]!.finish();
    }
    expect(await Promise.all(all)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
    expect(statements.map((s) => s.keys)).toEqual([[1], [2, 3], [4, 5]]);
    const short = new BatchedRead(async (keys: number[]) => keys.slice(1));
    await expect(short.get(1)).rejects.toThrow('0 values for 1 keys');
  });
});
