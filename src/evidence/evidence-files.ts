import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { evidenceDir, type AppConfig } from '../config';
import { APP_CONFIG } from '../shared/core.module';
import { DomainError } from '../shared/errors';

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Evidence bytes on disk, content-addressed: DATA_DIR/evidence/ab/abcdef…
 * The only code that touches evidence files.
 */
@Injectable()
export class EvidenceFiles {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = evidenceDir(config);
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  exists(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Hashes the bytes while writing them to a temporary file, makes them
   * durable, then renames them to their hash: a reader never sees a partial
   * file, and the same bytes always land on the same path.
   */
  async store(source: Readable & { truncated?: boolean }, maxBytes: number): Promise<{ sha256: string; size: number }> {
    const staging = join(this.root, 'staging');
    await mkdir(staging, { recursive: true });
    const temporary = join(staging, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, createWriteStream(temporary));
      if (source.truncated) throw new DomainError('too_large', `file: evidence files are limited to ${maxBytes} bytes`, { field: 'file' });
      await fsync(temporary);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    const sha256 = hash.digest('hex');
    const directory = join(this.root, sha256.slice(0, 2));
    await mkdir(directory, { recursive: true });
    await rename(temporary, this.pathOf(sha256));
    await fsync(directory);
    return { sha256, size };
  }

  async open(sha256: string): Promise<{ stream: ReadStream; size: number } | null> {
    if (!this.exists(sha256)) return null;
    const { size } = await stat(this.pathOf(sha256));
    return { stream: createReadStream(this.pathOf(sha256)), size };
  }
}
