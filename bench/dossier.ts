import { requirementsOf } from '../src/controls/catalog';
import type { DossierModel, DossierObligation } from '../src/dossier/dossier.model';
import { renderDossier } from '../src/dossier/render/render-dossier';
import { framework, manifestOf, sampleDossierModel, sha256 } from '../test/fixtures/dossier-model';
import { readinessByChapter } from '../projections/readiness';
import { printRows, type BenchRow } from './support';

const STATUSES = ['passed', 'passed', 'passed', 'partial', 'failed', 'not_assessed'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const OBLIGATIONS = ['nis2_early_warning', 'nis2_notification', 'customer_information', 'cnil_notification'];
const OBLIGATION_STATUSES: DossierObligation['status'][] = ['met', 'met', 'missed', 'pending'];
const day = (n: number) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A dossier `scale` times the size of 1,000 requirements, 10,000 control
 * checks (each the latest of its requirement's ten, with one evidence file per
 * check) and 500 incidents. The catalog's 278 requirements are repeated in
 * order so that chapters still group them; everything else grows with them.
 */
export function scaledModel(scale: number): DossierModel {
  const base = sampleDossierModel();
  const catalog = requirementsOf(framework);
  const count = 1000 * scale;
  const applicability: DossierModel['applicability'] = catalog.flatMap((r, index) => {
    const copies = Math.floor(count / catalog.length) + (index < count % catalog.length ? 1 : 0);
    return Array.from({ length: copies }, (_, copy) => {
      const n = index * 1000 + copy;
      const status = STATUSES[n % STATUSES.length];
      return {
        ref: copy === 0 ? r.ref : `${r.ref}-${copy + 1}`,
        chapter: r.chapter,
        section: r.section,
        summary: r.summary,
        applicable: n % 4 === 0 ? true : null,
        justification: n % 4 === 0 ? 'Dans le périmètre du service qualifié.' : null,
        status,
        latestCheck: status === 'not_assessed' ? null : { result: status, method: 'automated', performedAt: `${day(n % 900)}T10:00:00Z` },
        freshness: status === 'not_assessed' ? null : n % 7 === 3 ? ('review_due' as const) : ('current' as const),
        evidence: Array.from({ length: 10 }, (_, check) => sha256(`check:${r.ref}:${copy}:${check}`)),
        evidenceFiles: Array.from({ length: 10 }, (_, check) => ({ name: `controle-${r.ref}-${check + 1}.json`, sha256: sha256(`check:${r.ref}:${copy}:${check}`), validUntil: null, expired: false })),
      };
    });
  });
  const evidence = applicability.flatMap((r) =>
    r.evidence.map((hash, check) => ({ sha256: hash, name: `controle-${r.ref}-${check + 1}.json`, mediaType: 'application/json', size: 4_096 + check * 512, effectiveOn: day(check), validUntil: null, description: null })),
  );
  const incidents: DossierModel['incidents'] = Array.from({ length: 500 * scale }, (_, i) => ({
    incidentId: `INC-${String(i + 1).padStart(5, '0')}`,
    title: `Incident d’exploitation n° ${i + 1} sur la plateforme`,
    severity: SEVERITIES[i % SEVERITIES.length],
    detectedAt: `${day(i % 900)}T08:00:00Z`,
    personalData: i % 5 === 0,
    significant: i % 3 === 0,
    status: i % 7 === 0 ? 'contained' : 'resolved',
    containedAt: `${day(i % 900)}T10:00:00Z`,
    resolvedAt: i % 7 === 0 ? null : `${day((i % 900) + 1)}T10:00:00Z`,
    notifications: [{ recipient: 'CNIL', kind: 'notification', sentAt: `${day(i % 900)}T20:00:00Z`, reference: `CNIL-${i + 1}` }],
    waivers: [],
    summary: null,
    postmortem: [],
    deadlines: OBLIGATIONS.slice(0, 1 + (i % 4)).map((obligation, k) => ({
      obligation, subject: `INC-${i + 1}`, about: { kind: 'incident', title: `Incident d’exploitation n° ${i + 1} sur la plateforme`, detectedAt: `${day(i % 900)}T08:00:00Z` }, dueAt: `${day((i % 900) + 1)}T08:00:00Z`, metAt: k % 4 === 3 ? null : `${day(i % 900)}T20:00:00Z`, status: OBLIGATION_STATUSES[k],
    })),
  }));
  const repeat = <T>(items: readonly T[], times: number, rename: (item: T, copy: number) => T) =>
    Array.from({ length: times }, (_, copy) => items.map((item) => rename(item, copy))).flat();
  const changes = repeat(base.changes, 20 * scale, (c, copy) => ({ ...c, changeId: `${c.changeId}-${copy}`, release: `${c.release}.${copy}` }));
  const findings = repeat(base.audits.findings, 25 * scale, (f, copy) => ({ ...f, findingId: `${f.findingId}-${copy}` }));
  const timeline = repeat(base.timeline, 4 * scale, (e, copy) => ({ ...e, title: `${e.title} (${copy + 1})` }));
  const streams = [...applicability.map((r) => `control-secnumcloud-3.2:${r.ref}`), ...incidents.map((i) => `incident-${i.incidentId}`)]
    .map((stream, i) => ({ stream, revision: i % 40, hash: sha256(`head:${stream}`) }));
  return {
    ...base,
    summary: { ...base.summary, readiness: readinessByChapter(framework, applicability) },
    applicability,
    audits: { ...base.audits, findings },
    incidents,
    changes,
    timeline,
    evidence,
    integrity: { streams },
  };
}

async function secondsToRender(model: DossierModel): Promise<{ seconds: number; bytes: number }> {
  const start = performance.now();
  const pdf = await renderDossier(model, manifestOf(model, 'fr'), 'fr');
  return { seconds: (performance.now() - start) / 1000, bytes: pdf.length };
}

const RUNS = Number(process.env.BENCH_DOSSIER_RUNS ?? 2);

/**
 * Rendering time against the size of the ledger: twice the data should take
 * about twice as long. The two sizes are rendered in turn, a few times, and
 * the fastest run of each is kept, so that neither pays alone for warming up
 * the JIT or for a busy moment of the machine.
 */
export async function benchDossier(): Promise<BenchRow[]> {
  const models = [scaledModel(1), scaledModel(2)];
  await secondsToRender(scaledModel(0.25));
  const best = [{ seconds: Infinity, bytes: 0 }, { seconds: Infinity, bytes: 0 }];
  for (let run = 0; run < RUNS; run += 1) {
    for (const [i, model] of models.entries()) {
      const result = await secondsToRender(model);
      if (result.seconds < best[i].seconds) best[i] = result;
    }
  }
  const [once, twice] = best;
  if (require.main === module) {
    console.log(`1× data: ${once.seconds.toFixed(2)} s, ${(once.bytes / 1e6).toFixed(1)} MB; 2× data: ${twice.seconds.toFixed(2)} s, ${(twice.bytes / 1e6).toFixed(1)} MB`);
  }
  return [
    {
      name: 'dossier PDF, 2× data (2,000 requirements, 20,000 checks, 1,000 incidents)',
      baseline: '1× data (1,000 requirements, 10,000 checks, 500 incidents)',
      baselineValue: once.seconds,
      ours: twice.seconds,
      unit: 's',
      higherIsBetter: false,
      target: 2.2,
    },
  ];
}

if (require.main === module) {
  benchDossier().then((rows) => printRows('Dossier rendering (ratio ≈ 2 means linear)', rows));
}
