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

/**
 * `confiance <command>`: works directly on DATA_DIR, also while the server
 * runs (SQLite in WAL mode lets both write in turn).
 */
const program = new Command('confiance')
  .description('Confiance compliance ledger: operate the event log in DATA_DIR')
  .exitOverride()
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
  console.error(`confiance: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
