import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { FrameworkCatalog } from '../controls/framework-catalog';
import type { EventStore, Position } from '../event-store/event-store';
import { projectUpTo } from '../read-side/as-of';
import { resolvePoint } from '../read-side/log-points';
import { dossierDecider } from '../dossier/dossier.decider';
import { dossierStream } from '../dossier/dossier.events';
import { DossierMaker } from '../dossier/dossier-maker';
import type { DossierModel, Language } from '../dossier/dossier.model';
import { LANGUAGES } from '../../templates/template';
import { logs } from '../observability/logger';
import { contentsOf, dossierProof, ISSUING, type ProofContents } from '../transparency/dossier-proof';
import type { TransparencyLog } from '../transparency/transparency-log';
import { withTransparencyLog } from './open-transparency';
import { verifyDossier } from '../dossier/verify-dossier';
import { readManifest } from '../dossier/render/read-manifest';
import { signatureLine, verifyOffline } from './verify-offline';
import { certificateFileSha256 } from '../dossier/signing/check-signature';
import { loadConfig } from '../config';
import { requireLedger, withStore } from './open-store';
import { outputTarget, replaceAtomically } from './output-file';
import { openRegistry } from '../registry/registry-database';
import { PeopleRegistry } from '../people/people-registry';
import { PeopleLookup } from '../people/people-lookup';
import { dossierSigningIdentity, type SigningIdentity } from '../dossier/signing/signing-identity';

/** The CLI reads the log directly: read models are replayed in memory up to the position asked for. */
function makerFor(store: EventStore, log?: TransparencyLog, contents: ProofContents = ISSUING, people?: PeopleLookup, identity?: SigningIdentity): DossierMaker {
  const recordedAt = async (position: Position) => {
    for await (const event of store.readAll({ fromPosition: position, toPosition: position })) return new Date(event.metadata.recordedAt).toISOString();
    throw new Error(`no event at position ${position}`);
  };
  const prove = log ? (p: Position, heads: DossierModel['integrity']['streams']) => dossierProof(log, store, p, heads, contents) : undefined;
  return new DossierMaker(store, new FrameworkCatalog(), (position) => projectUpTo(store, position), recordedAt, prove, (subject) => people?.nameOf(subject) ?? null, identity);
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerDossier(program: Command): void {
  program
    .command('dossier')
    .description("write a certification's evidence dossier as a PDF, recorded as DossierIssued")
    .requiredOption('--certification <id>', 'the certification id')
    .option('--as-of <point>', 'a log position or an instant (2024-06-30T00:00:00Z); the head of the log when left out')
    .option('--valid-at <date>', 'the business date to show the state on (2023-12-31, or an instant with its zone); the as-of moment when left out')
    .addOption(new Option('--lang <lang>', 'language of the dossier').choices(LANGUAGES).default('fr'))
    .requiredOption('--out <file>', 'where to write the PDF (outside DATA_DIR)')
    .option('--force', 'replace an existing file, or write inside DATA_DIR (never over the ledger itself)', false)
    .action(async (options: { certification: string; asOf?: string; validAt?: string; lang: Language; out: string; force: boolean }) => {
      await withTransparencyLog(async (log, store) => {
        const file = outputTarget(options.out, loadConfig(), options.force);
        const position = options.asOf === undefined ? await store.headPosition() : (await resolvePoint(store, options.asOf, '--as-of', new Date())).position;
        const registry = openRegistry(loadConfig());
        const maker = makerFor(store, log, ISSUING, new PeopleLookup(new PeopleRegistry(registry)), dossierSigningIdentity(loadConfig()));
        const { pdf, sha256, manifest } = await maker.pdf(await maker.model(options.certification, position, options.validAt), options.lang).finally(() => registry.close());
        await replaceAtomically(file, (temporary) => writeFile(temporary, pdf, { flag: 'wx' }));
        const { position: at, templateVersion } = manifest;
        const [event] = dossierDecider.decide({ kind: 'IssueDossier', certificationId: options.certification, position: at, language: options.lang, templateVersion, sha256, size: pdf.length }, dossierDecider.initialState, new Date());
        await store.append(dossierStream(options.certification), [{ id: randomUUID(), ...event, actor: 'system:cli', correlationId: randomUUID() }], 'any');
        const on = manifest.validAt === undefined ? '' : `, state on ${manifest.validAt}`;
        console.log(`${options.out}: dossier of ${options.certification} as of position ${at}${on} (${options.lang}), ${pdf.length} bytes, SHA-256 ${sha256}`);
      }, true);
    });

  program
    .command('verify-dossier <file>')
    .description('prove a dossier PDF is one the ledger issued: offline with --key (no DATA_DIR), else byte for byte from the log')
    .option('--key <file>', "the log's public key (PEM, or a C2SP verifier key): check the file alone, reading no DATA_DIR")
    .option('--tsa-cert <file>', 'with --key: a TSA or root certificate (PEM or DER) the time-stamp token must chain to (repeatable)', collect, [])
    .option('--witness-key <vkey>', "with --key: a witness's C2SP verifier key (or a file holding it) whose cosignature is required (repeatable)", collect, [])
    .option('--signer-cert <file>', 'a certificate (PEM or DER) that must have made the PAdES signature (repeatable: any one of them)', collect, [])
    .action(async (file: string, options: { key?: string; tsaCert: string[]; witnessKey: string[]; signerCert: string[] }) => {
      // Without --key the proof is a regeneration from the ledger: a DATA_DIR without one is the first thing to say.
      if (!options.key && options.tsaCert.length + options.witnessKey.length > 0) throw new Error('--tsa-cert and --witness-key check a dossier offline: give the log key with --key too');
      if (!options.key) requireLedger(loadConfig());
      const pdf = readFileSync(file);
      const signers = options.signerCert.map((f) => certificateFileSha256(readFileSync(f)));
      if (options.key) return verifyOffline(file, pdf, { key: options.key, tsaCert: options.tsaCert, witnessKey: options.witnessKey, signers });
      // Drawn again with what the issued file embeds: a token or cosignature recorded since then does not change the bytes.
      const contents = contentsOf(readManifest(pdf)?.transparency);
      const regenerate = async (store: EventStore, log?: TransparencyLog) => verifyDossier(pdf, store, makerFor(store, log, contents), signers);
      const verdict = readManifest(pdf)?.transparency ? await withTransparencyLog((log, store) => regenerate(store, log), false) : await withStore((store) => regenerate(store));
      if (verdict.ok) {
        const { issued, manifest } = verdict;
        console.log(`${file}: verified. SHA-256 ${verdict.sha256} was issued by ${issued.metadata.actor} at ${issued.metadata.recordedAt} (event ${issued.id});`);
        const signed = verdict.signature ? ' outside the signature' : '';
        console.log(`regenerated from the log as of position ${manifest.position} (${manifest.language}, template ${manifest.templateVersion}): byte-identical${signed}.`);
        if (verdict.signature) console.log(signatureLine(verdict.signature, signers.length > 0));
        return;
      }
      for (const problem of verdict.problems) logs().error({ file }, `${file}: ${problem}`);
      process.exitCode = 1;
    });
}
