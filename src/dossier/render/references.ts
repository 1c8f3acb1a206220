import type { AuditReference, DossierModel, FindingReference, ObligationSubject } from '../dossier.model';
import { fill } from './format';
import type { Ctx } from './layout';

/** "PASSI 2026", or "PASSI 2026 no. 2" when several PASSI audits started that year. */
export function auditName(ctx: Ctx, ref: AuditReference): string {
  const words = ctx.t.references;
  const values = { kind: ctx.f.label('auditKind', ref.kind), year: String(ref.year) };
  return ref.n === null ? fill(words.audit, values) : fill(words.auditNumbered, { ...values, n: String(ref.n) });
}

/** "PASSI 2026 · F-2". */
export const findingName = (ctx: Ctx, ref: FindingReference): string => fill(ctx.t.references.finding, { audit: auditName(ctx, ref.audit), n: String(ref.number) });

/** What an obligation concerns, as a reader names it. */
export function subjectName(ctx: Ctx, about: ObligationSubject): string {
  switch (about.kind) {
    case 'incident':
      return fill(ctx.t.references.incident, { title: about.title, detected: ctx.f.date(about.detectedAt) });
    case 'finding':
      return `${findingName(ctx, about.reference)} — ${about.title}`;
    case 'certification':
      return about.label;
    case 'other':
      return ctx.t.references.unknown;
    default: {
      const unknown: never = about;
      return unknown;
    }
  }
}

/** A person by name, with their organisation when the registry gives one; an erased person reads as erased. */
export function personName(ctx: Ctx, person: { subject: string; erased: boolean; name: string | null; organisation: string | null }): { text: string; note?: string } {
  if (person.erased) return { text: ctx.t.sections.audits.erasedSubject };
  if (person.name === null) return { text: person.subject };
  return person.organisation === null ? { text: person.name } : { text: person.name, note: person.organisation };
}

/** Who reviewed, as the registry names them: "Claire Martin, RSSI". */
export function reviewerName(ctx: Ctx, reviewer: DossierModel['changes'][number]['reviewer']): string | undefined {
  if (reviewer === null) return undefined;
  const { text, note } = personName(ctx, reviewer);
  return note === undefined ? text : `${text}, ${note}`;
}
