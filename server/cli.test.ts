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
import { issueCertificate, pkcs12File, productionPkcs12 } from './platform/seal/seal.fixtures';

const root = path.resolve(import.meta.dirname, '..');

function cli(dataDir: string, ...args: string[]) {
  return cliWith({}, dataDir, ...args);
}

function cliWith(env: Record<string, string>, dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', ...env },
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

  it('imports a PKCS#12 as the seal key with seal:import, and refuses a wrong passphrase or an expired certificate', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-cli-seal-'));
    const now = new Date();
    const good = path.join(dataDir, 'seal.p12');
    fs.writeFileSync(good, productionPkcs12(now, 'p12-passphrase').file);
    const wrong = cliWith({ ONEWINDOW_P12_PASSPHRASE: 'not-it' }, dataDir, 'seal:import', good);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Wrong passphrase: the PKCS#12 file cannot be opened.');
    const old = issueCertificate({ commonName: '威县行政审批局审批专用章', organization: '威县行政审批局', notBefore: new Date('2019-01-01Z'), notAfter: new Date('2022-01-01Z') });
    const expiredFile = path.join(dataDir, 'expired.p12');
    fs.writeFileSync(expiredFile, pkcs12File({ key: old.key, certificates: [old.certificate], passphrase: 'p12-passphrase' }));
    const expired = cliWith({ ONEWINDOW_P12_PASSPHRASE: 'p12-passphrase' }, dataDir, 'seal:import', expiredFile);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('The seal certificate expired on 2022-01-01');
    // Production stores no key under the demo passphrase.
    const production = cliWith({ ONEWINDOW_P12_PASSPHRASE: 'p12-passphrase', NODE_ENV: 'production' }, dataDir, 'seal:import', good);
    expect(production.status).toBe(1);
    expect(production.stderr).toContain('SEAL_PASSPHRASE');

    const imported = cliWith({ ONEWINDOW_P12_PASSPHRASE: 'p12-passphrase' }, dataDir, 'seal:import', good, '--code', '1305330012345');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('seal key imported / 印章证书已导入: CN=威县行政审批局审批专用章,O=威县行政审批局,C=CN');
    const db = new PGlite(path.join(dataDir, 'pgdata'));
    const { rows } = await db.query<{ origin: string; status: string; seal_code: string }>('select origin, status, seal_code from seal_keys');
    await db.close();
    expect(rows).toEqual([{ origin: 'imported', status: 'active', seal_code: '1305330012345' }]);
  });

  it('prints its usage and fails on an unknown command', () => {
    const run = cli(fs.mkdtempSync(path.join(os.tmpdir(), 'ow-cli-x-')), 'no-such-command');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('audit:verify');
  });
});
