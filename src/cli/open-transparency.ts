import { logKeyFile, loadConfig, transparencyFile } from '../config';
import type { EventStore } from '../event-store/event-store';
import { SystemClock } from '../shared/clock';
import { loadLogKey } from '../transparency/log-key';
import { TransparencyLog } from '../transparency/transparency-log';
import { TreeStore } from '../transparency/tree-store';
import { withStore } from './open-store';

/**
 * Runs a CLI action on the transparency log of DATA_DIR, caught up with the
 * event log first. The signing key is created only where the log is kept
 * (`createKey`); commands that only read never write a key.
 */
export async function withTransparencyLog<T>(action: (log: TransparencyLog, store: EventStore) => Promise<T>, createKey: boolean): Promise<T> {
  const config = loadConfig();
  const key = loadLogKey(logKeyFile(config), config.logOrigin, createKey);
  if (!key) throw new Error(`no log signing key at ${logKeyFile(config)}: the server creates it at first start`);
  const tree = TreeStore.open(transparencyFile(config));
  try {
    const log = new TransparencyLog(tree, key, new SystemClock());
    return await withStore(async (store) => {
      await log.catchUp(store);
      return action(log, store);
    });
  } finally {
    tree.close();
  }
}
