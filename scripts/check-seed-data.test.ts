import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('reference data files', () => {
  it('pass every structural and cross-reference check of scripts/check-seed-data.ts', () => {
    const script = path.resolve(import.meta.dirname, 'check-seed-data.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Seed data OK');
  });
});
