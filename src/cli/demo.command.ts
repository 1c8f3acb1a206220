import type { Command } from 'commander';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { AppModule } from '../app.module';
import { loadConfig } from '../config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { DemoLoader } from '../demo/load-demo';
import { EvidenceStore } from '../evidence/evidence-store';
import { DEMO_CERTIFICATION } from '../demo/demo-story';
import { withStore } from './open-store';
import { logs, PinoNestLogger } from '../observability/logger';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the partnership story into an empty store, through the same command handlers as users')
    .action(async () => {
      // Checked before the application starts, so a refusal leaves a running server's read models alone.
      const head = await withStore((store) => store.headPosition(), { createsLedger: true });
      if (head !== null) throw new Error(`the store in DATA_DIR already holds events (head position ${head}); the demo loads only into an empty store`);
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig()), { logger: new PinoNestLogger(logs()) });
      try {
        const store = app.get<EventStore>(EVENT_STORE);
        const commands = await new DemoLoader(app.get(CommandBus), app.get(EvidenceStore)).load();
        console.log(`demo loaded: ${commands} commands, log head at position ${await store.headPosition()}; certification id ${DEMO_CERTIFICATION}`);
      } finally {
        await app.close();
      }
    });
}
