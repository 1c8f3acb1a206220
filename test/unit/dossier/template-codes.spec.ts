import { templates } from '../../../templates';
import { LANGUAGES } from '../../../templates/template';
import { DOSSIER_CODES, WARNING_KINDS } from '../../../src/dossier/dossier-codes';

/** Every code the domain can produce must read as words in every language, never as `customer_information`. */
describe.each(LANGUAGES)('the %s template', (language) => {
  const codes = templates[language].codes;

  it.each(Object.entries(DOSSIER_CODES))('labels every code of the %s family the domain can produce', (family, domainCodes) => {
    const labels = codes[family as keyof typeof codes];
    const missing = domainCodes.filter((code) => !(code in labels) || labels[code].trim() === '');
    expect(missing).toEqual([]);
  });

  it('heads and words every kind of warning', () => {
    const words = templates[language].sections.warnings;
    expect(WARNING_KINDS.filter((kind) => !words.kinds[kind] || !words.details[kind])).toEqual([]);
  });

  it('covers every code family the dossier translates', () => {
    expect(Object.keys(DOSSIER_CODES).sort()).toEqual(Object.keys(codes).sort());
  });
});

describe('the list of codes the domain produces', () => {
  it('follows the domain: the obligations of incidents, findings and renewals are all there', () => {
    expect(DOSSIER_CODES.obligation).toEqual(expect.arrayContaining(['customer_information', 'cnil_notification', 'finding_due', 'certification_renewal']));
    expect(DOSSIER_CODES.certificationStep).toEqual(expect.arrayContaining(['J0', 'application filed', 'granted', 'renewed', 'withdrawn']));
    expect(DOSSIER_CODES.incidentStatus).toEqual(['open', 'contained', 'resolved']);
  });

  it('is what fails when a template lacks a code: a template without one label is caught', () => {
    const { customer_information: _dropped, ...withoutOne } = templates.en.codes.obligation;
    expect(DOSSIER_CODES.obligation.filter((code) => !(code in withoutOne))).toEqual(['customer_information']);
  });
});
