import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { Clock } from './clock';
import { IdGenerator } from './ids';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Configuration, time and id providers, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock, ids: IdGenerator): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: IdGenerator, useValue: ids },
      ],
      exports: [APP_CONFIG, Clock, IdGenerator],
    };
  }
}
