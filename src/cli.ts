import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerVerify } from './cli/verify.command';
import { registerToken } from './cli/token.command';
import { registerExport } from './cli/export.command';
import { registerImport } from './cli/import.command';
import { registerReplay } from './cli/replay.command';
import { registerBackup } from './cli/backup.command';
import { registerDemo } from './cli/demo.command';
import { registerDossier } from './cli/dossier.command';
import { registerTransparency } from './cli/transparency.command';
import { registerWitness } from './cli/witness.command';
import { createLogger, useProcessLogger } from './observability/logger';

/** Diagnostics go to stderr as JSON lines; stdout carries each command's answer (a token, a report) alone. */
const logger = useProcessLogger(createLogger({ name: 'confiance-cli', destination: 2, level: process.env.LOG_LEVEL ?? 'warn' }));

/**
 * `confiance <command>`: works directly on DATA_DIR, also while the server
 * runs (SQLite in WAL mode lets both write in turn).
 */
const program = new Command('confiance')
  .description('Confiance compliance ledger: operate the event log in DATA_DIR')
  .exitOverride()
  .configureOutput({ writeErr: (text) => logger.error(text.trim()) })
  .showHelpAfterError();

registerVerify(program);
registerToken(program);
registerExport(program);
registerImport(program);
registerReplay(program);
registerBackup(program);
registerDemo(program);
registerDossier(program);
registerTransparency(program);
registerWitness(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  logger.error(`confiance: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
