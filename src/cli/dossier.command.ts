import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { FrameworkCatalog } from '../controls/framework-catalog';
import type { EventStore, Position } from '../event-store/event-store';
import { parseAsOf, projectUpTo } from '../read-side/as-of';
import { dossierDecider } from '../dossier/dossier.decider';
import { dossierStream } from '../dossier/dossier.events';
import { DossierMaker } from '../dossier/dossier-maker';
import type { Language } from '../dossier/dossier.model';
import { verifyDossier } from '../dossier/verify-dossier';
import { withStore } from './open-store';

/** The CLI reads the log directly: read models are replayed in memory up to the position asked for. */
function makerFor(store: EventStore): DossierMaker {
  const recordedAt = async (position: Position) => {
    for await (const event of store.readAll({ fromPosition: position, toPosition: position })) return new Date(event.metadata.recordedAt).toISOString();
    throw new Error(`no event at position ${position}`);
  };
  return new DossierMaker(store, new FrameworkCatalog(), (position) => projectUpTo(store, position), recordedAt);
}

export function registerDossier(program: Command): void {
  program
    .command('dossier')
    .description("write a certification's evidence dossier as a PDF, recorded as DossierIssued")
    .requiredOption('--certification <id>', 'the certification id')
    .option('--as-of <point>', 'a log position or an instant (2024-06-30T00:00:00Z); the head of the log when left out')
    .option('--valid-at <date>', 'the business date to show the state on (2023-12-31, or an instant with its zone); the as-of moment when left out')
    .addOption(new Option('--lang <lang>', 'language of the dossier').choices(['fr', 'en']).default('fr'))
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (options: { certification: string; asOf?: string; validAt?: string; lang: Language; out: string }) => {
      await withStore(async (store) => {
        const point = options.asOf === undefined ? null : parseAsOf(options.asOf);
        const position = point === null ? await store.headPosition() : 'position' in point ? point.position : await store.positionAt(point.instant);
        const maker = makerFor(store);
        const { pdf, sha256, manifest } = await maker.pdf(await maker.model(options.certification, position, options.validAt), options.lang);
        writeFileSync(options.out, pdf);
        const { position: at, templateVersion } = manifest;
        const [event] = dossierDecider.decide({ kind: 'IssueDossier', certificationId: options.certification, position: at, language: options.lang, templateVersion, sha256, size: pdf.length }, dossierDecider.initialState, new Date());
        await store.append(dossierStream(options.certification), [{ id: randomUUID(), ...event, actor: 'system:cli', correlationId: randomUUID() }], 'any');
        const on = manifest.validAt === undefined ? '' : `, state on ${manifest.validAt}`;
        console.log(`${options.out}: dossier of ${options.certification} as of position ${at}${on} (${options.lang}), ${pdf.length} bytes, SHA-256 ${sha256}`);
      });
    });

  program
    .command('verify-dossier <file>')
    .description('prove a dossier PDF is one the ledger issued, byte for byte, or say what differs')
    .action(async (file: string) => {
      const verdict = await withStore((store) => verifyDossier(readFileSync(file), store, makerFor(store)));
      if (verdict.ok) {
        const { issued, manifest } = verdict;
        console.log(`${file}: verified. SHA-256 ${verdict.sha256} was issued by ${issued.metadata.actor} at ${issued.metadata.recordedAt} (event ${issued.id});`);
        console.log(`regenerated from the log as of position ${manifest.position} (${manifest.language}, template ${manifest.templateVersion}): byte-identical.`);
        return;
      }
      for (const problem of verdict.problems) console.error(`${file}: ${problem}`);
      process.exitCode = 1;
    });
}
