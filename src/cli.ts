import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config';
import { DomainError } from './shared/errors';
import { registerVerify } from './cli/verify.command';

/**
 * `confiance <command>`: works directly on DATA_DIR, also while the server
 * runs (SQLite in WAL mode lets both write in turn).
 */
const program = new Command('confiance')
  .description('Confiance compliance ledger: operate the event log in DATA_DIR')
  .exitOverride()
  .showHelpAfterError();

registerVerify(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError || error instanceof DomainError) {
    console.error(`confiance: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
