import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { resolvePoint } from '../read-side/log-points';
import { Clock } from '../shared/clock';
import { ReadViews } from '../read-side/read-views';
import { parseValidAt } from '../shared/valid-at';
import { dossierDecider, type DossierCommand } from './dossier.decider';
import { dossierStream } from './dossier.events';
import { DossierMaker, type IssuedPdf } from './dossier-maker';
import type { DossierModel, Language } from './dossier.model';
import { TransparencyLog } from '../transparency/transparency-log';
import { dossierProof } from '../transparency/dossier-proof';
import { PeopleLookup } from '../people/people-lookup';
import { APP_CONFIG } from '../shared/core.module';
import type { AppConfig } from '../config';
import { dossierSigningIdentity } from './signing/signing-identity';

/** Dossiers for the HTTP routes: as of a point the caller names, or the head of the log. */
@Injectable()
export class DossierService {
  private readonly maker: DossierMaker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    catalog: FrameworkCatalog,
    views: ReadViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() log?: TransparencyLog,
    @Optional() people?: PeopleLookup,
  ) {
    const prove = log ? (p: Position, heads: DossierModel['integrity']['streams']) => dossierProof(log, store, p, heads) : undefined;
    this.maker = new DossierMaker(store, catalog, (p) => views.exactlyAt(p), async (p) => (await views.recordedAt(p)).toISOString(), prove, (subject) => people?.nameOf(subject) ?? null, dossierSigningIdentity(config));
  }

  /**
   * The position `asOf` names (a position, or the last event recorded by an
   * instant); the head when absent. A dossier names its position, so one the
   * log does not hold yet is refused rather than waited for.
   */
  async positionOf(asOf: string | undefined): Promise<Position | null> {
    if (asOf === undefined) return this.store.headPosition();
    return (await resolvePoint(this.store, asOf, 'asOf', this.clock.now())).position;
  }

  /** `validAt`: the state on that business date (a 400 naming it when it is not a date), as the ledger knew it at `asOf`. */
  async model(certificationId: string, asOf: string | undefined, validAt?: string): Promise<DossierModel> {
    if (validAt !== undefined) parseValidAt(validAt, new Date());
    return this.maker.model(certificationId, await this.positionOf(asOf), validAt);
  }

  async pdf(certificationId: string, language: Language, asOf: string | undefined, validAt?: string): Promise<IssuedPdf> {
    return this.maker.pdf(await this.model(certificationId, asOf, validAt), language);
  }
}

export class IssueDossierMessage {
  constructor(readonly command: DossierCommand, readonly context: CommandContext) {}
}

/** Records that a dossier PDF left the ledger, so downloads are part of the audit trail. */
@CommandHandler(IssueDossierMessage)
export class IssueDossierHandler implements ICommandHandler<IssueDossierMessage, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ command, context }: IssueDossierMessage): Promise<CommandResult> {
    return this.runner.run({ decider: dossierDecider, stream: dossierStream(command.certificationId), command, context });
  }
}
