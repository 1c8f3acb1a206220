import { SOVEREIGNTY_STREAM } from '../sovereignty/sovereignty.events';
import { createHash } from 'node:crypto';
import type { FrameworkCatalog } from '../controls/framework-catalog';
import { comparePositions, type EventStore, type Position } from '../event-store/event-store';
import type { DocumentView } from '../read-side/document-view';
import { notFound } from '../shared/errors';
import { templateFor } from '../../templates';
import { buildDossier, dossierDocs, type PeopleNames } from './build-dossier';
import { docsOn } from './dossier-on-date';
import { parseValidAt } from '../shared/valid-at';
import type { DossierDocs } from './dossier-sections';
import type { DossierManifest, DossierModel, DossierTransparency, Language } from './dossier.model';
import { pagesDigest } from './render/read-pages';
import { renderDossier } from './render/render-dossier';
import { signPdf } from './signing/sign-pdf';
import type { SigningIdentity } from './signing/signing-identity';

export interface IssuedPdf {
  pdf: Buffer;
  sha256: string;
  manifest: DossierManifest;
}

/**
 * Makes a certification's dossier as of a position, from whatever gives the
 * read models at that position: the server's views, or a replay in the CLI.
 */
export class DossierMaker {
  constructor(
    private readonly store: EventStore,
    private readonly catalog: FrameworkCatalog,
    private readonly viewAt: (position: Position) => Promise<DocumentView>,
    private readonly recordedAt: (position: Position) => Promise<string>,
    /** The transparency annex, where the ledger keeps a transparency log. */
    private readonly prove?: (position: Position, heads: DossierModel['integrity']['streams']) => Promise<DossierTransparency>,
    /** Names from the people registry; without it, people are shown by their subject ids. */
    private readonly names: PeopleNames = () => null,
    /** The key that signs issued files (PAdES); without it, files carry no signature field. */
    private readonly identity?: SigningIdentity,
  ) {}

  /** `validAt` (a date or an instant, already checked): the state on that business date, as the ledger knew it at `position`. */
  /** `names`: instead of the registry's, the names a file was drawn with (verification). */
  async model(certificationId: string, position: Position | null, validAt?: string, names: PeopleNames = this.names): Promise<DossierModel> {
    if (position === null) throw notFound(`certification ${certificationId} not found`);
    const view = await this.viewAt(position);
    const [recordedAt, events] = await Promise.all([this.recordedAt(position), this.store.countUpTo(position)]);
    const at = validAt === undefined ? undefined : parseValidAt(validAt, new Date(recordedAt));
    const current = dossierDocs(view, certificationId, names);
    const docs = at === undefined ? current : docsOn(current, view, at);
    const streams = await this.streamHeads(docs, position);
    const framework = this.catalog.get(docs.certification.framework);
    return buildDossier(docs, framework, { asOf: { position, recordedAt }, logHead: { position, events }, validAt: at }, streams);
  }

  /** The file as issued: drawn, then signed with the configured key when there is one. */
  async pdf(model: DossierModel, language: Language): Promise<IssuedPdf> {
    const drawn = await this.draw(model, language, this.identity?.certificateSha256);
    const pdf = this.identity ? await signPdf(drawn.pdf, this.identity) : drawn.pdf;
    return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), manifest: drawn.manifest };
  }

  /**
   * The file before signing, its signature field empty; `signer` (SHA-256 of
   * the signing certificate) is named in the manifest and gives the file its
   * signature field. Verification draws the file again with the signer the
   * file names, whichever key the ledger signs with today.
   */
  async draw(model: DossierModel, language: Language, signer?: string): Promise<Omit<IssuedPdf, 'sha256'>> {
    let manifest: DossierManifest = { ...manifestOf(model, language), ...(signer === undefined ? {} : { signingCertificateSha256: signer }) };
    let pdf = await renderDossier(model, manifest, language);
    if (this.prove) {
      // The pages do not depend on the manifest: drawn once to take their digest, then again with it.
      const transparency = await this.prove(model.cover.asOf.position, model.integrity.streams);
      manifest = { ...manifest, transparency, pagesSha256: pagesDigest(pdf) ?? undefined };
      pdf = await renderDossier(model, manifest, language);
    }
    return { pdf, manifest };
  }

  /** The last event of each stream the dossier draws on, as it stood at `position`. */
  private async streamHeads(docs: DossierDocs, position: Position): Promise<DossierModel['integrity']['streams']> {
    const heads = await Promise.all(
      streamsOf(docs).map(async (stream) => {
        let head: { stream: string; revision: number; hash: string } | null = null;
        for await (const event of this.store.readStream(stream)) {
          if (comparePositions(event.position, position) > 0) break;
          head = { stream, revision: event.revision, hash: event.metadata.hash };
        }
        return head;
      }),
    );
    return heads.filter((h): h is NonNullable<typeof h> => h !== null).sort((a, b) => a.stream.localeCompare(b.stream));
  }
}

export function manifestOf(model: DossierModel, language: Language): DossierManifest {
  return {
    certificationId: model.cover.certificationId,
    language,
    position: model.cover.asOf.position,
    recordedAt: model.cover.asOf.recordedAt,
    templateVersion: templateFor(language).version,
    streamHeads: Object.fromEntries(model.integrity.streams.map((s) => [s.stream, s.hash])),
    evidence: model.evidence.map((e) => e.sha256),
    ...peopleOf(model),
    ...(model.cover.validAt === undefined ? {} : { validAt: model.cover.validAt }),
  };
}

/** The names the pages show, so that the file can be drawn again after the registry changed or forgot them. */
function peopleOf(model: DossierModel): Pick<DossierManifest, 'people'> {
  const named = [
    ...model.audits.programme.filter((a) => a.auditorName !== null).map((a) => [a.auditor, { name: a.auditorName!, organisation: a.auditorOrganisation }] as const),
    ...model.changes.flatMap((c) => (c.reviewer?.name ? [[c.reviewer.subject, { name: c.reviewer.name, organisation: c.reviewer.organisation }] as const] : [])),
  ];
  return named.length === 0 ? {} : { people: Object.fromEntries(named.sort(([a], [b]) => a.localeCompare(b))) };
}

/** Every stream whose facts the dossier shows. */
function streamsOf(docs: DossierDocs): string[] {
  const id = docs.certification.id;
  return [
    `certification-${id}`,
    ...docs.requirements.map((r) => `control-${id}:${r.ref}`),
    ...docs.audits.map((a) => `audit-${a.auditId}`),
    ...docs.incidents.map((i) => `incident-${i.incidentId}`),
    ...docs.changes.map((c) => `change-${c.changeId}`),
    ...docs.timeline.filter((e) => e.source === 'milestone').map((e) => `milestone-${e.key.slice('milestone:'.length)}`),
    ...(docs.sovereignty ? [SOVEREIGNTY_STREAM] : []),
  ];
}
