import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openLeafFile } from '../event-store/log-file';
import { growTree, type Growth } from './tree-growth';
import { TreeStore } from './tree-store';

/** The compiled script of this module; absent when running from TypeScript sources (tests), where the tree grows in the caller's thread. */
const SCRIPT = join(__dirname, 'tree-thread.js');

interface TreeThreadData {
  transparencyTree: { logFile: string; treeFile: string };
}

type Reply = { grown: Growth } | { failed: string };

/**
 * Grows the tree in a thread of its own, reading the log's file on its own
 * connection: hashing and writing leaves then never delays the appends'
 * thread, whose commits wait on fsync. One request at a time.
 */
export class TreeThread {
  private worker: Worker | null = null;
  private pending: { resolve: (growth: Growth) => void; reject: (error: Error) => void } | null = null;

  private constructor(private readonly data: TreeThreadData) {}

  /** A thread for these files, or null where the compiled script is absent. */
  static forFiles(logFile: string, treeFile: string): TreeThread | null {
    return existsSync(SCRIPT) ? new TreeThread({ transparencyTree: { logFile, treeFile } }) : null;
  }

  grow(): Promise<Growth> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage('grow');
    });
  }

  private start(): Worker {
    const worker = new Worker(SCRIPT, { workerData: this.data });
    worker.on('message', (reply: Reply) => {
      const pending = this.pending;
      this.pending = null;
      if ('grown' in reply) pending?.resolve(reply.grown);
      else pending?.reject(new Error(reply.failed));
    });
    const lost = (error: Error) => {
      // The next request starts a new thread.
      if (this.worker === worker) this.worker = null;
      this.pending?.reject(error);
      this.pending = null;
    };
    worker.once('error', lost);
    worker.once('exit', (code) => lost(new Error(`the transparency tree's thread exited with ${code}`)));
    return worker;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

function serve({ logFile, treeFile }: TreeThreadData['transparencyTree']): void {
  const log = openLeafFile(logFile);
  const tree = TreeStore.open(treeFile);
  parentPort?.on('message', () => {
    growTree(tree, log.readLeaves).then(
      (grown) => parentPort?.postMessage({ grown } satisfies Reply),
      (error: unknown) => parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
}

if (!isMainThread && (workerData as Partial<TreeThreadData> | null)?.transparencyTree) serve((workerData as TreeThreadData).transparencyTree);
