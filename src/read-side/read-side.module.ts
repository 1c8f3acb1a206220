import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { readModelsFile, type AppConfig } from '../config';
import { ProjectionRunner } from './projection-runner';
import { ReadModelStore } from './read-model-store';
import { ReadViews } from './read-views';
import { ReplayController } from './replay.controller';

/** Read models in a local SQLite file per instance, fed from the log by the runner. */
@Global()
@Module({})
export class ReadSideModule implements OnApplicationShutdown {
  constructor(@Inject(ReadModelStore) private readonly readModels: ReadModelStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ReadSideModule,
      controllers: [ReplayController],
      providers: [{ provide: ReadModelStore, useFactory: () => new ReadModelStore(readModelsFile(config)) }, ProjectionRunner, ReadViews],
      exports: [ReadModelStore, ProjectionRunner, ReadViews],
    };
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}
