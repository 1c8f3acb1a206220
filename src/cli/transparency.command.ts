import type { Command } from 'commander';
import { invalid } from '../shared/errors';
import { servedCheckpoint } from '../transparency/transparency-log';
import { withTransparencyLog } from './open-transparency';
import { logs } from '../observability/logger';

const size = (field: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw invalid(field, 'must be a non-negative integer');
  return Number(value);
};

/** `checkpoint`, `inclusion` and `consistency`: what GET /transparency/… answers, from DATA_DIR. */
export function registerTransparency(program: Command): void {
  program
    .command('checkpoint')
    .description('bring the transparency log up to the event log, sign a checkpoint if it grew, and print the latest (C2SP format)')
    .action(async () => {
      const checkpoint = await withTransparencyLog(async (log) => {
        const issued = log.issueCheckpoint();
        await log.timestamper?.stampPending();
        if (log.timestamper?.problem) logs().warn(`checkpoints wait for a time-stamp from ${log.timestamper.url}: ${log.timestamper.problem}`);
        return issued && log.tree.checkpointAt(issued.treeSize);
      }, true);
      if (!checkpoint) throw new Error('the log is empty: there is nothing to check point');
      process.stdout.write(servedCheckpoint(checkpoint));
    });

  program
    .command('inclusion <eventId>')
    .description('print the RFC 9162 inclusion proof of an event (JSON, hashes in base64)')
    .option('--tree-size <n>', 'the tree size to prove against (default: the latest checkpoint)', size('treeSize'))
    .action(async (eventId: string, options: { treeSize?: number }) => {
      const proof = await withTransparencyLog(async (log) => log.inclusion(eventId, options.treeSize), false);
      console.log(JSON.stringify(proof, null, 2));
    });

  program
    .command('consistency <from> <to>')
    .description('print the RFC 9162 consistency proof between two tree sizes (JSON, hashes in base64)')
    .action(async (from: string, to: string) => {
      const proof = await withTransparencyLog(async (log) => log.consistency(size('from')(from), size('to')(to)), false);
      console.log(JSON.stringify(proof, null, 2));
    });
}
