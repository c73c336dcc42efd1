import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'onewindow.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
    readonly holderHost: string,
  ) {
    super(
      `数据目录正被另一个 OneWindow 进程使用（进程 ${holderPid}，主机 ${holderHost}）。\n` +
        `The data folder is in use by another OneWindow process (pid ${holderPid} on ${holderHost}).\n` +
        `Lock file: ${lockPath}\n` +
        'Stop that process first, or start this one with another DATA_DIR. Two processes on one embedded ' +
        'database would corrupt it. If you are sure no process uses the folder, delete the lock file.',
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

function isFresh(lockPath: string): boolean {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs < 5000;
  } catch {
    return false;
  }
}

/** Lock files this process holds (a lock file naming this process's pid but not in here is an earlier process's). */
const heldHere = new Set<string>();

export interface DataDirLock {
  path: string;
  release(): void;
}

/**
 * Takes the data folder's lock file, or throws DataDirLockedError when a live process holds it. A lock left
 * behind by a process that died on this host is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const mine: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        const current = readLock(lockPath);
        if (current?.pid === mine.pid && current.host === mine.host) fs.rmSync(lockPath, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path: lockPath, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(lockPath);
      if (holder && holder.host !== mine.host) throw new DataDirLockedError(lockPath, holder.pid, holder.host);
      if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new DataDirLockedError(lockPath, holder.pid, holder.host);
      }
      // Our own pid: held by this process, or left by an earlier process that had the same pid — a container's
      // PID 1 restarted after a crash always has — and is then as stale as any other dead holder's.
      if (holder && holder.pid === process.pid && heldHere.has(lockPath)) {
        throw new DataDirLockedError(lockPath, holder.pid, holder.host);
      }
      if (!holder && isFresh(lockPath)) {
        // Another process is writing its lock this very moment.
        throw new DataDirLockedError(lockPath, -1, mine.host);
      }
      // Stale lock of a dead process (or an old unreadable file): remove and try again.
      fs.rmSync(lockPath, { force: true });
    }
  }
  const holder = readLock(lockPath);
  throw new DataDirLockedError(lockPath, holder?.pid ?? -1, holder?.host ?? 'unknown');
}
