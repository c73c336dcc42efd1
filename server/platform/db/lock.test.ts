import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from './lock';

const root = path.resolve(import.meta.dirname, '../../..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ow-lock-'));
}

describe('data folder lock', () => {
  it('refuses a second holder in the same process and frees the folder on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over the lock of a process that died', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    const deadPid = dead.pid!;
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    fs.utimesSync(path.join(dir, LOCK_FILE_NAME), new Date(2026, 0, 1), new Date(2026, 0, 1));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left by an earlier process with the same pid (a container restarted after a crash)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    fs.utimesSync(path.join(dir, LOCK_FILE_NAME), new Date(2026, 0, 1), new Date(2026, 0, 1));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).startedAt).not.toBe('2026-01-01T00:00:00Z');
    // Now this process holds it: a second holder in the process is still refused.
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it('makes a second server process on the same folder exit at once with a clear message', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '', NODE_ENV: 'development' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.status).toBe(1);
      expect(child.stderr).toContain('The data folder is in use by another OneWindow process');
      expect(child.stderr).toContain('数据目录正被另一个 OneWindow 进程使用');
      expect(child.stderr).toContain(String(process.pid));
      // It never opened the database: no pgdata folder was created.
      expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
    } finally {
      lock.release();
    }
  });
});
