import { logKeyFile, loadConfig, transparencyFile } from '../config';
import type { EventStore } from '../event-store/event-store';
import { SystemClock } from '../shared/clock';
import { loadLogKey } from '../transparency/log-key';
import { TransparencyLog } from '../transparency/transparency-log';
import { TreeStore } from '../transparency/tree-store';
import { Timestamper } from '../transparency/timestamper';
import { carriedCheckpointLines } from '../transparency/carried-checkpoints';
import { requireLedger, withStore } from './open-store';

/**
 * Runs a CLI action on the transparency log of DATA_DIR, caught up with the
 * event log first. The signing key is created only where the log is kept
 * (`createKey`); commands that only read never write a key.
 */
export async function withTransparencyLog<T>(action: (log: TransparencyLog, store: EventStore) => Promise<T>, createKey: boolean): Promise<T> {
  const config = loadConfig();
  requireLedger(config);
  const key = loadLogKey(logKeyFile(config), config.logOrigin, createKey);
  if (!key) throw new Error(`no log signing key at ${logKeyFile(config)}: the server creates it at first start`);
  const tree = TreeStore.open(transparencyFile(config));
  try {
    const timestamper = config.tsaUrl ? new Timestamper(tree, config.tsaUrl, config.tsaRetrySeconds * 1000) : null;
    const log = new TransparencyLog(tree, key, new SystemClock(), timestamper);
    return await withStore(async (store) => {
      await log.catchUp(store);
      return action(log, store);
    });
  } finally {
    tree.close();
  }
}

/** Recomputes the tree from the log; signed checkpoints are kept, so `verify` still holds the log to them. */
export async function rebuildTree(): Promise<number> {
  const config = loadConfig();
  const tree = TreeStore.openExisting(transparencyFile(config));
  if (!tree) return 0;
  try {
    const key = loadLogKey(logKeyFile(config), config.logOrigin, false);
    if (!key) return 0;
    tree.clearTree();
    return await withStore((store) => new TransparencyLog(tree, key, new SystemClock()).catchUp(store));
  } finally {
    tree.close();
  }
}

/** The checkpoint lines an export of `events` events carries: every signed checkpoint it covers. */
export function checkpointsToCarry(events: number): string[] {
  const config = loadConfig();
  const key = loadLogKey(logKeyFile(config), config.logOrigin, false);
  const tree = key && TreeStore.openExisting(transparencyFile(config));
  if (!key || !tree) return [];
  try {
    return carriedCheckpointLines(tree.allCheckpoints(), key.verifierKey, events);
  } finally {
    tree.close();
  }
}
