import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowStorage } from './auth/fixed-window-storage';
import { ObservabilityModule } from './observability/observability.module';
import type { AppConfig } from './config';
import { Clock, SystemClock } from './shared/clock';
import { IdGenerator, UuidGenerator } from './shared/ids';
import { CoreModule } from './shared/core.module';
import { EventStoreModule } from './event-store/event-store.module';
import { RegistryModule } from './registry/registry.module';
import { CommandSideModule } from './command-side/command-side.module';
import { ReadSideModule } from './read-side/read-side.module';
import { HealthController } from './health/health.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { PeopleModule } from './people/people.module';
import { MilestonesModule } from './milestones/milestones.module';
import { CatalogModule } from './controls/catalog.module';
import { CertificationsModule } from './certifications/certifications.module';
import { ControlsModule } from './controls/controls.module';
import { EvidenceModule } from './evidence/evidence.module';
import { AuditsModule } from './audits/audits.module';
import { IncidentsModule } from './incidents/incidents.module';
import { ChangesModule } from './changes/changes.module';
import { TimelineModule } from './timeline/timeline.module';
import { HistoryModule } from './history/history.module';
import { ObligationsModule } from './obligations/obligations.module';
import { DossierModule } from './dossier/dossier.module';
import { SovereigntyModule } from './sovereignty/sovereignty.module';
import { TransparencyModule } from './transparency/transparency.module';
import { AuthModule } from './auth/auth.module';
import { EngagementsModule } from './engagements/engagements.module';
import { WebModule } from './web/web.module';

export interface AppOptions {
  /** Tests pass a FixedClock and predictable ids. */
  clock?: Clock;
  ids?: IdGenerator;
  /** Time allowed to receive a whole request (30 s); tests shorten it to show a slow client is cut off. */
  requestTimeoutMs?: number;
}

/** Every domain area's module: one folder each. */
const AREAS = [
  PeopleModule,
  MilestonesModule,
  CatalogModule,
  CertificationsModule,
  ControlsModule,
  EvidenceModule,
  AuditsModule,
  IncidentsModule,
  ChangesModule,
  TimelineModule,
  HistoryModule,
  ObligationsModule,
  DossierModule,
  SovereigntyModule,
  EngagementsModule,
  WebModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options.clock ?? new SystemClock(), options.ids ?? new UuidGenerator()),
        EventStoreModule.forRoot(config),
        RegistryModule.forRoot(config),
        AuthModule.forRoot(config),
        ObservabilityModule,
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }], storage: new FixedWindowStorage() }),
        CommandSideModule,
        ReadSideModule.forRoot(config),
        TransparencyModule.forRoot(config),
        ...AREAS,
      ],
      controllers: [HealthController, IntegrityController],
    };
  }
}
