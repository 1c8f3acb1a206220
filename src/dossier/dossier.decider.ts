import type { Decider } from '../shared/decider';
import type { DossierEvent } from './dossier.events';

export type DossierCommand = { kind: 'IssueDossier' } & DossierEvent['data'];

/** The dossiers issued for one certification: each issue is a new fact; none is refused once made. */
export const dossierDecider: Decider<DossierCommand, DossierEvent, { issued: number }> = {
  initialState: { issued: 0 },
  evolve: (state, event) => {
    switch (event.type) {
      case 'DossierIssued':
        return { issued: state.issued + 1 };
      default: {
        const unknown: never = event.type;
        return unknown;
      }
    }
  },
  decide: ({ kind: _kind, ...data }) => [{ type: 'DossierIssued', data }],
};
