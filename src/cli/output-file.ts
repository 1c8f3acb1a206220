import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { AppConfig } from '../config';

/** Files of the ledger itself, which no command overwrites, even with --force. */
const LEDGER_FILE = /^(events|registry|read-models[\w-]*)\.db(-wal|-shm|-journal)?$/;

const real = (path: string): string => (existsSync(path) ? realpathSync(path) : resolve(path));
const isWithin = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Where a command may write its output file: never over the ledger's own
 * files, inside DATA_DIR or over an existing file only when told `--force`.
 * Answers the absolute path (through symbolic links) or throws saying why.
 */
export function outputTarget(path: string, config: AppConfig, force: boolean): string {
  const requested = resolve(path);
  const target = join(real(dirname(requested)), basename(requested));
  const dataDir = real(config.dataDir);
  if (isWithin(dataDir, target)) {
    const own = dirname(target) === dataDir && LEDGER_FILE.test(basename(target));
    if (own || isWithin(join(dataDir, 'evidence'), target) || target === dataDir) {
      throw new Error(`${target} is part of the ledger in DATA_DIR (${dataDir}); it is never overwritten: write the file elsewhere`);
    }
    if (!force) throw new Error(`${target} is inside DATA_DIR (${dataDir}), where the ledger lives: write the file elsewhere, or pass --force`);
  }
  if (existsSync(target) && !force) throw new Error(`${target} exists; choose a new file, or pass --force to replace it`);
  return target;
}

/**
 * Writes `file` through a temporary file beside it, flushed to disk, then
 * renamed over it: the file is either absent, as it was, or complete.
 */
export async function replaceAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(temporary);
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
