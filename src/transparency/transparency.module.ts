import { Global, Module, type DynamicModule } from '@nestjs/common';
import { logKeyFile, transparencyFile, type AppConfig } from '../config';
import { Clock } from '../shared/clock';
import { loadLogKey } from './log-key';
import { TransparencyController } from './transparency.controller';
import { TransparencyFollower } from './transparency-follower';
import { TransparencyLog } from './transparency-log';
import { TreeStore } from './tree-store';
import { Timestamper } from './timestamper';
import { WitnessesController } from './witnesses.controller';
import { WitnessHandler } from './witnesses.handlers';

/** The Merkle tree over the log, its signed checkpoints and proofs. */
@Global()
@Module({})
export class TransparencyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TransparencyModule,
      controllers: [TransparencyController, WitnessesController],
      providers: [
        {
          provide: TransparencyLog,
          inject: [Clock],
          useFactory: (clock: Clock) => {
            const key = loadLogKey(logKeyFile(config), config.logOrigin, true);
            if (!key) throw new Error('no log signing key');
            const tree = TreeStore.open(transparencyFile(config));
            const timestamper = config.tsaUrl ? new Timestamper(tree, config.tsaUrl, config.tsaRetrySeconds * 1000) : null;
            return new TransparencyLog(tree, key, clock, timestamper);
          },
        },
        TransparencyFollower,
        WitnessHandler,
      ],
      exports: [TransparencyLog, TransparencyFollower],
    };
  }
}
