import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig, readModelsFile } from '../config';
import { ReadModelStore } from '../read-side/read-model-store';
import { replay, selectProjections } from '../read-side/replay';
import { requireLedger, withStore } from './open-store';
import { rebuildTree } from './open-transparency';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('rebuild read models from the whole log, with a progress bar; safe while the server runs')
    .option('--projection <name>', 'rebuild only this read model')
    .action(async (options: { projection?: string }) => {
      const selected = selectProjections(options.projection);
      requireLedger(loadConfig());
      const readModels = new ReadModelStore(readModelsFile(loadConfig()));
      const bar = new SingleBar(
        { format: 'replay [{bar}] {percentage}% | {value}/{total} positions | {speed} events/s | ETA {eta_formatted}', hideCursor: true },
        Presets.shades_classic,
      );
      const started = performance.now();
      try {
        const report = await withStore((store) =>
          replay(store, readModels, selected, (done, total) => {
            if (!bar.isActive) bar.start(total, 0, { speed: 0 });
            bar.update(done, { speed: Math.round(done / ((performance.now() - started) / 1000)) });
          }),
        );
        bar.stop();
        console.log(`rebuilt ${report.projections.join(', ')} from ${report.events} events in ${report.durationMs} ms`);
        if (!options.projection) console.log(`rebuilt the transparency log's tree: ${await rebuildTree()} leaves`);
      } finally {
        bar.stop();
        readModels.close();
      }
    });
}
