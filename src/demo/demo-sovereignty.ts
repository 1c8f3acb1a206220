/**
 * The partnership's structure for protection against non-EU law. The
 * figures, the rights, the access paths and the locations are illustrative
 * (DEMO_NOTE): a joint company majority-held by the French group, the US
 * partner's minority stake held through its Irish subsidiary, data and
 * support in France, the upstream release channel reviewed before anything
 * is deployed.
 */
import { DEMO_NOTE } from './demo-story';

export const ENTITIES = [
  { entityId: 'joint-company', name: 'Joint company (demo)', country: 'FR', isProvider: true, establishedOn: '2022-06-30' },
  { entityId: 'french-group', name: 'French group (demo)', country: 'FR' },
  { entityId: 'us-partner', name: 'US partner (demo)', country: 'US' },
  { entityId: 'us-partner-ireland', name: 'US partner, Irish subsidiary (demo)', country: 'IE' },
] as const;

/** Percentages of capital and of voting rights, alike. */
export const HOLDINGS = [
  { holder: 'us-partner', of: 'us-partner-ireland', percent: 100, on: '2022-06-30' },
  { holder: 'french-group', of: 'joint-company', percent: 80, on: '2022-06-30' },
  { holder: 'us-partner-ireland', of: 'joint-company', percent: 20, on: '2022-06-30' },
] as const;

export const CONTROL_RIGHTS = [
  { holder: 'french-group', of: 'joint-company', kind: 'board_appointment', on: '2022-06-30', source: `${DEMO_NOTE}: shareholder agreement, appointment of the majority of the board` },
] as const;

export const LOCATIONS = [
  { kind: 'data', name: 'Data centres in the Paris region (demo)', country: 'FR', from: '2023-03-31' },
  { kind: 'support', name: 'Support centre in France (demo)', country: 'FR', from: '2023-03-31' },
] as const;

export const ACCESS_PATHS = [
  {
    party: 'Upstream vendor release channel (demo)',
    jurisdiction: 'US',
    path: 'software_updates',
    reachesData: false,
    operates: true,
    qualified: false,
    blockingMeasures: [`${DEMO_NOTE}: releases are received in a mirror run in France, reviewed by the change board and deployed by the joint company's staff`],
    from: '2023-03-31',
  },
  {
    party: 'Upstream vendor expert support (demo)',
    jurisdiction: 'US',
    path: 'support',
    reachesData: true,
    operates: false,
    qualified: false,
    blockingMeasures: [`${DEMO_NOTE}: sessions only through the joint company's staff, screen shared, no credential handed over`],
    from: '2023-03-31',
  },
] as const;

/** The planned operation the README simulates: a capital increase subscribed by the US partner's subsidiary. */
export const PLANNED_CAPITAL_INCREASE = [
  { holder: 'french-group', of: 'joint-company', capitalPercent: 72, votingPercent: 72, on: '2027-01-01' },
  { holder: 'us-partner-ireland', of: 'joint-company', capitalPercent: 28, votingPercent: 28, on: '2027-01-01' },
] as const;
