import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { readModelsFile, type AppConfig } from '../config';
import { ProjectionRunner } from './projection-runner';
import { ReadModelStore } from './read-model-store';
import { ReadViews } from './read-views';
import { AnswerCache } from './answer-cache';
import { ReplayController } from './replay.controller';
import { SnapshotStore } from './snapshots';
import { PROJECTIONS } from '../../projections';

const snapshotsFile = (config: AppConfig) => readModelsFile(config).replace(/\.db$/, '-snapshots.db');

/** Read models in a local SQLite file per instance, fed from the log by the runner. */
@Global()
@Module({})
export class ReadSideModule implements OnApplicationShutdown {
  constructor(
    @Inject(ReadModelStore) private readonly readModels: ReadModelStore,
    @Inject(SnapshotStore) private readonly snapshots: SnapshotStore,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadSideModule,
      controllers: [ReplayController],
      providers: [
        { provide: ReadModelStore, useFactory: () => new ReadModelStore(readModelsFile(config)) },
        // Made after the read models: it attaches their file.
        { provide: SnapshotStore, inject: [ReadModelStore], useFactory: () => new SnapshotStore(snapshotsFile(config), readModelsFile(config), PROJECTIONS) },
        ProjectionRunner,
        ReadViews,
        AnswerCache,
      ],
      exports: [ReadModelStore, ProjectionRunner, ReadViews, AnswerCache],
    };
  }

  onApplicationShutdown(): void {
    this.snapshots.close();
    this.readModels.close();
  }
}
