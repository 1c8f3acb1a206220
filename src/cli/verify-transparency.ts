import { logKeyFile, loadConfig, transparencyFile } from '../config';
import type { EventStore } from '../event-store/event-store';
import { auditTransparency, type TransparencyAudit } from '../transparency/audit';
import { loadLogKey } from '../transparency/log-key';
import { TreeStore } from '../transparency/tree-store';

/** The transparency part of `confiance verify`, on DATA_DIR: null where no tree was ever kept. Writes nothing new. */
export async function verifyTransparencyOf(store: EventStore): Promise<TransparencyAudit | null> {
  const config = loadConfig();
  const tree = TreeStore.openExisting(transparencyFile(config));
  if (!tree) return null;
  try {
    const key = loadLogKey(logKeyFile(config), config.logOrigin, false);
    if (!key) {
      const signed = tree.allCheckpoints().length;
      return signed === 0 ? null : { ok: false, leaves: 0, checkpoints: 0, problem: `${signed} checkpoints but no log key at ${logKeyFile(config)} to check them` };
    }
    return await auditTransparency(store, tree, key.verifier);
  } finally {
    tree.close();
  }
}

export function describeTransparency(audit: TransparencyAudit | null): string {
  if (!audit) return '';
  const stamped = audit.timestamped ? `, ${audit.timestamped} of them time-stamped` : '';
  return `; transparency log: ${audit.leaves} leaves, ${audit.checkpoints} signed checkpoints hold${stamped}`;
}
