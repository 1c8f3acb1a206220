import { ConfigError, loadConfig } from './config';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
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
  console.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error);
  process.exit(1);
});
