import { peopleProjection } from '../../../projections/people';
import { project } from '../../support/projection-harness';

describe('people projection', () => {
  it('knows registered subjects and which were erased, never their details', () => {
    const docs = project(peopleProjection, [
      { type: 'PersonRegistered', data: { subject: 'ines.internal' } },
      { type: 'PersonRegistered', data: { subject: 'paul.passi' } },
      { type: 'PersonErased', data: { subject: 'ines.internal' } },
      { type: 'PersonDetailsUpdated', data: { subject: 'ines.internal' } },
    ]);
    expect(docs.get('ines.internal')).toEqual({ subject: 'ines.internal', erased: true });
    expect(docs.get('paul.passi')).toEqual({ subject: 'paul.passi', erased: false });
  });
});
