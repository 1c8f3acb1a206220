import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { evidenceDir, type AppConfig } from '../config';
import { APP_CONFIG } from '../shared/core.module';

/** Bytes received and on disk in a temp file, not yet in the store. */
export interface IncomingEvidence {
  sha256: string;
  size: number;
  /** Moves the bytes to their content address, durably. */
  commit(): Promise<void>;
  /** Forgets them (a refused upload). */
  discard(): Promise<void>;
}

export type FileCondition = 'intact' | 'missing' | 'altered';

/**
 * The only code that touches evidence files. Files live at
 * DATA_DIR/evidence/<first two hex digits>/<sha256>, read-only: the path is
 * the hash of the content, so a file is written once and never changes.
 * Uploads land in DATA_DIR/evidence/incoming first (same file system, so the
 * final rename is atomic): a crash leaves either no file or the whole file.
 */
@Injectable()
export class EvidenceStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = evidenceDir(config);
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Streams `source` to a temp file while hashing it, and fsyncs it. */
  async receive(source: Readable): Promise<IncomingEvidence> {
    const incoming = join(this.root, 'incoming');
    await mkdir(incoming, { recursive: true });
    const temp = join(incoming, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const file = await open(temp, 'wx', 0o600);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    const sha256 = hash.digest('hex');
    return {
      sha256,
      size,
      commit: () => this.commit(temp, sha256),
      discard: () => rm(temp, { force: true }),
    };
  }

  private async commit(temp: string, sha256: string): Promise<void> {
    const shard = join(this.root, sha256.slice(0, 2));
    await mkdir(shard, { recursive: true });
    await chmod(temp, 0o444);
    // Replacing a file already there puts the same bytes back (and heals a damaged copy).
    await rename(temp, this.pathOf(sha256));
    await syncDirectory(shard);
    await syncDirectory(this.root);
  }

  /** The file and its size, or null when the store does not hold it. */
  async open(sha256: string): Promise<{ stream: Readable; size: number } | null> {
    const path = this.pathOf(sha256);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Reads the file and checks that its bytes still hash to its name. */
  async condition(sha256: string): Promise<FileCondition> {
    const file = await this.open(sha256);
    if (!file) return 'missing';
    const hash = createHash('sha256');
    for await (const chunk of file.stream as AsyncIterable<Buffer>) hash.update(chunk);
    return hash.digest('hex') === sha256 ? 'intact' : 'altered';
  }
}

/** A rename is durable only once the directory entry is on disk. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
