import type { Command } from 'commander';
import { describeBreak, verifyLog } from '../event-store/integrity';
import { withStore } from './open-store';
import { logs } from '../observability/logger';
import { describeNonPortable, findNonPortableEvents } from '../event-store/portability';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("recompute every stream's hash chain; exit 1 naming the first altered event")
    .action(async () => {
      const report = await withStore(verifyLog);
      if (report.firstBroken) {
        logs().error({ position: report.firstBroken.position }, `BROKEN ${describeBreak(report.firstBroken)}`);
        process.exitCode = 1;
        return;
      }
      const nonPortable = await withStore(findNonPortableEvents);
      for (const found of nonPortable) console.error(`NOT PORTABLE ${describeNonPortable(found)}`);
      if (nonPortable.length > 0) process.exitCode = 1;
      console.log(`OK ${report.events} events in ${report.streams} streams verified, head position ${report.checkedUpTo ?? 'none'}`);
    });
}
