import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, type CommandResult } from '../command-side/command-runner';
import type { CommandContext } from '../command-side/command-context';
import { FrameworkCatalog } from '../controls/framework-catalog';
import { EVENT_STORE, type EventStore, type Position } from '../event-store/event-store';
import { parseAsOf } from '../read-side/as-of';
import { ReadViews } from '../read-side/read-views';
import { parseValidAt } from '../shared/valid-at';
import { dossierDecider, type DossierCommand } from './dossier.decider';
import { dossierStream } from './dossier.events';
import { DossierMaker, type IssuedPdf } from './dossier-maker';
import type { DossierModel, Language } from './dossier.model';

/** Dossiers for the HTTP routes: as of a point the caller names, or the head of the log. */
@Injectable()
export class DossierService {
  private readonly maker: DossierMaker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    catalog: FrameworkCatalog,
    views: ReadViews,
  ) {
    this.maker = new DossierMaker(store, catalog, (p) => views.exactlyAt(p), async (p) => (await views.recordedAt(p)).toISOString());
  }

  /** The position `asOf` names (a position, or the last event recorded by an instant); the head when absent. */
  async positionOf(asOf: string | undefined): Promise<Position | null> {
    if (asOf === undefined) return this.store.headPosition();
    const point = parseAsOf(asOf);
    return 'position' in point ? point.position : this.store.positionAt(point.instant);
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
    return this.runner.run(dossierDecider, dossierStream(command.certificationId), command, context);
  }
}
