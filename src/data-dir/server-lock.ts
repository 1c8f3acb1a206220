import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.lock';

/** A second server on a DATA_DIR that one already serves. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another Confiance server (pid ${pid}) is running on DATA_DIR ${dataDir}; stop it first, or give this one another DATA_DIR`);
    this.name = 'DataDirInUseError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const holderOf = (file: string): number | null => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/**
 * One server per DATA_DIR: `server.lock` holds the pid of the server that
 * runs on it. A lock left by a process that no longer runs (a crash, a
 * SIGKILL) is taken over. The CLI takes no lock: it works beside the server.
 * Returns the release, which removes the file only while it is still ours.
 */
export function lockDataDir(dataDir: string, pid = process.pid): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw failure(error, file, dataDir);
      const holder = holderOf(file);
      if (holder !== null && holder !== pid && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      // Stale: its server is gone. Whoever removes it and creates the file anew first wins.
      unlinkSync(file);
    }
  }
  return () => {
    if (holderOf(file) === pid) unlinkSync(file);
  };
}

function failure(error: unknown, file: string, dataDir: string): Error {
  const holder = holderOf(file);
  if ((error as NodeJS.ErrnoException).code === 'EEXIST' && holder !== null) return new DataDirInUseError(dataDir, holder);
  return error instanceof Error ? error : new Error(String(error));
}
