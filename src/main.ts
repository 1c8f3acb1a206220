import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createLogger, useProcessLogger } from './observability/logger';
import { DataDirInUseError, lockDataDir } from './data-dir/server-lock';

const logger = useProcessLogger(createLogger({ name: 'confiance' }));

async function main(): Promise<void> {
  const config = loadConfig();
  const unlock = lockDataDir(config.dataDir);
  process.once('exit', unlock);
  const app = await createApp(config, { logger });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  // Close the HTTP server and the store (checkpointing the WAL) before exiting, so a stop is clean.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    });
  }
  logger.info({ store: config.eventStore, dataDir: config.dataDir }, `Confiance listening on ${await app.getUrl()}, store ${config.eventStore}, data in ${config.dataDir}`);
}

main().catch((error: unknown) => {
  // A failure to start goes to stderr, where a supervisor looks for why a process exited.
  const fatal = createLogger({ name: 'confiance', destination: 2 });
  if (error instanceof ConfigError) fatal.fatal({ variable: error.variable }, `Invalid configuration: ${error.message}`);
  else if (error instanceof DataDirInUseError) fatal.fatal(`Confiance cannot start: ${error.message}`);
  else fatal.fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
