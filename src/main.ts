import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { DataDirInUseError, lockDataDir } from './data-dir/server-lock';

async function main(): Promise<void> {
  const config = loadConfig();
  const unlock = lockDataDir(config.dataDir);
  process.once('exit', unlock);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  // Close the HTTP server and the store (checkpointing the WAL) before exiting, so a stop is clean.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
  console.log(`Confiance listening on ${await app.getUrl()}, store ${config.eventStore}, data in ${config.dataDir}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Invalid configuration: ${error.message}`);
  else console.error(error instanceof DataDirInUseError ? `Confiance cannot start: ${error.message}` : error);
  process.exit(1);
});
