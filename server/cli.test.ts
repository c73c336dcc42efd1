/**
 * The onewindow CLI on an embedded database: seed, verify the audit chain, detect an edited entry and name it,
 * and refuse to touch a data folder a server holds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './platform/db/lock';

const root = path.resolve(import.meta.dirname, '..');

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('onewindow CLI', () => {
  it('seeds, verifies the audit chain, and names the first broken entry after tampering', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-cli-'));
    const seeded = cli(dataDir, 'seed');
    expect(seeded.status, seeded.stderr).toBe(0);
    const ok = cli(dataDir, 'audit:verify');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact \/ 审计日志完整: \d+ entries/);
    const db = new PGlite(path.join(dataDir, 'pgdata'));
    const { rows } = await db.query<{ id: number }>('select id from audit_events order by id limit 1');
    const id = Number(rows[0]!.id);
    await db.exec('alter table audit_events disable trigger audit_events_no_update_delete');
    await db.query(`update audit_events set actor_name = 'someone-else' where id = $1`, [id]);
    await db.close();
    const broken = cli(dataDir, 'audit:verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`first broken entry id=${id}`);
    expect(broken.stderr).toContain('hash_mismatch');
  });

  it('refuses to work on a data folder another process holds', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-cli-lock-'));
    const lock = acquireDataDirLock(dataDir);
    try {
      const run = cli(dataDir, 'migrate');
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('in use by another OneWindow process');
    } finally {
      lock.release();
    }
  });

  it('prints its usage and fails on an unknown command', () => {
    const run = cli(fs.mkdtempSync(path.join(os.tmpdir(), 'ow-cli-x-')), 'no-such-command');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('audit:verify');
  });
});
