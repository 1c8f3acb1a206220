import PDFDocument from 'pdfkit';
import { finish } from '../../../src/dossier/render/document';
import { checkPdfSignature } from '../../../src/dossier/signing/check-signature';
import { signPdf } from '../../../src/dossier/signing/sign-pdf';
import { addSignatureField } from '../../../src/dossier/signing/signature-field';
import { readP12, selfSignedP12 } from '../../../src/dossier/signing/signing-identity';
import { unassessedOn } from '../../../src/dossier/unassessed-on';
import type { RequirementStatusDoc } from '../../../projections/requirement-status';

const identity = readP12(selfSignedP12(new Date('2026-01-01T00:00:00Z')), '');

async function drawn(): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true });
  doc.addPage().text('Evidence dossier');
  addSignatureField(doc, { reason: 'Evidence dossier', signingTime: new Date('2026-11-28T12:00:00Z') });
  return finish(doc);
}

describe('PAdES signature of a drawn file', () => {
  it('given the same key and bytes, signs the same way (RSA PKCS#1 v1.5, no signingTime), and the signature covers the whole file', async () => {
    const file = await drawn();
    const [a, b] = [await signPdf(file, identity), await signPdf(file, identity)];
    expect(a.equals(b)).toBe(true);
    expect(await checkPdfSignature(a, [identity.certificateSha256])).toMatchObject({ ok: true, certificateSha256: identity.certificateSha256, signer: expect.stringContaining('CN=Confiance evidence dossiers') });
  });

  it('names bytes appended after signing, a covered byte changed, and a file never signed', async () => {
    const signed = await signPdf(await drawn(), identity);
    expect(await checkPdfSignature(Buffer.concat([signed, Buffer.from('\n% appended\n')]))).toEqual({ ok: false, problem: expect.stringMatching(/not the whole file/) });
    const altered = Buffer.from(signed);
    altered[signed.indexOf('Evidence dossier')] ^= 0x20;
    expect(await checkPdfSignature(altered)).toEqual({ ok: false, problem: expect.stringMatching(/does not verify over the signed bytes/) });
    expect(await checkPdfSignature(await drawn())).toEqual({ ok: false, problem: expect.stringMatching(/no filled \/ByteRange/) });
  });
});

describe('requirements not assessed on a grant date', () => {
  const doc = (ref: string, performedAt: string | null): RequirementStatusDoc => ({
    certificationId: 'c', framework: 'f', ref, chapter: '5', applicable: null, justification: null, reviewIntervalDays: null, statedOn: null, corrections: 0, evidence: [],
    latestCheck: performedAt ? { checkId: `k-${ref}`, result: 'passed', method: 'document_review', performedAt, evidence: [], notes: null, recorded: { position: '1', eventId: 'e', recordedAt: performedAt, actor: 'a' } } : null,
    status: performedAt ? 'passed' : 'not_assessed', checks: performedAt ? 1 : 0,
  });

  it('given one requirement checked before the day, one after and one never, counts two of three', () => {
    const count = unassessedOn(['5.1.a', '5.1.b', '5.1.c'], [doc('5.1.a', '2026-06-01T09:00:00Z'), doc('5.1.b', '2026-08-01T09:00:00Z')]);
    expect(count('2026-07-15')).toEqual({ count: 2, applicable: 3 });
    expect(count('2026-09-01')).toEqual({ count: 1, applicable: 3 });
  });
});
