import type { Command } from 'commander';
import { describeBreak, verifyLog } from '../event-store/integrity';
import { withStore } from './open-store';
import { logs } from '../observability/logger';
import { describeNonPortable, findNonPortableEvents } from '../event-store/portability';
import { describeTransparency, verifyTransparencyOf } from './verify-transparency';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("recompute every stream's hash chain and the transparency log's tree; exit 1 naming the first altered event or checkpoint")
    .action(async () => {
      const report = await withStore(verifyLog);
      if (report.firstBroken) {
        logs().error({ position: report.firstBroken.position }, `BROKEN ${describeBreak(report.firstBroken)}`);
        process.exitCode = 1;
        return;
      }
      const nonPortable = await withStore(findNonPortableEvents);
      for (const found of nonPortable) logs().error({ position: found.event.position }, `NOT PORTABLE ${describeNonPortable(found)}`);
      if (nonPortable.length > 0) process.exitCode = 1;
      const transparency = await withStore(verifyTransparencyOf);
      if (transparency && !transparency.ok) {
        logs().error(`BROKEN ${transparency.problem}`);
        process.exitCode = 1;
        return;
      }
      console.log(`OK ${report.events} events in ${report.streams} streams verified, head position ${report.checkedUpTo ?? 'none'}${describeTransparency(transparency)}`);
    });
}
