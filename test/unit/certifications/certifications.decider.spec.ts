import { certificationDecider, type CertificationCommand } from '../../../src/certifications/certifications.decider';
import type { CertificationEvent } from '../../../src/certifications/certifications.events';
import { given } from '../../support/given-when-then';

const filed: CertificationEvent = {
  type: 'CertificationApplicationFiled',
  data: { certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'IaaS', evaluator: null, filedOn: '2022-09-01' },
};
const step = (name: 'J0' | 'J1' | 'J2' | 'J3', on: string): CertificationEvent => ({ type: 'CertificationStepRecorded', data: { certificationId: 'c1', step: name, on, note: null } });
const allSteps = [filed, step('J0', '2022-09-15'), step('J1', '2022-11-02'), step('J2', '2023-04-12'), step('J3', '2023-09-20')];
const granted: CertificationEvent = { type: 'CertificationGranted', data: { certificationId: 'c1', grantedOn: '2023-10-01', validUntil: '2026-09-30' } };
const withdrawn: CertificationEvent = { type: 'CertificationWithdrawn', data: { certificationId: 'c1', on: '2024-01-10', reason: 'Service closed' } };
const file: CertificationCommand = { kind: 'FileApplication', certificationId: 'c1', label: 'SecNumCloud', framework: 'secnumcloud-3.2', service: 'IaaS' };

describe('certifications decider', () => {
  describe('filing', () => {
    it('files today when no date is given, or on the day given for an application recorded after the fact', () => {
      given(certificationDecider).when(file).then([{ ...filed, data: { ...filed.data, filedOn: '2026-11-28' } }]);
      given(certificationDecider).when({ ...file, filedOn: '2022-09-01' }).then([filed]);
    });

    it('refuses a filing date in the future', () => {
      given(certificationDecider).when({ ...file, filedOn: '2026-12-01' }).thenFails('validation', /future/, 'filedOn');
    });
  });

  describe('steps J0 to J3', () => {
    it('records the steps in order', () => {
      given(certificationDecider, [filed]).when({ kind: 'RecordStep', step: 'J0', on: '2022-09-15' }).then([step('J0', '2022-09-15')]);
    });

    it('refuses a step before the previous one was reached, a step twice, and a step dated before the filing', () => {
      given(certificationDecider, [filed]).when({ kind: 'RecordStep', step: 'J1', on: '2022-11-02' }).thenFails('rule_broken', /J1 cannot come before J0/);
      given(certificationDecider, [filed, step('J0', '2022-09-15')]).when({ kind: 'RecordStep', step: 'J0', on: '2022-09-16' }).thenFails('rule_broken', /already recorded/);
      given(certificationDecider, [filed]).when({ kind: 'RecordStep', step: 'J0', on: '2022-08-31' }).thenFails('validation', /previous lifecycle fact/, 'on');
    });

    it('refuses a step dated in the future', () => {
      given(certificationDecider, [filed]).when({ kind: 'RecordStep', step: 'J0', on: '2026-11-30' }).thenFails('validation', /future/, 'on');
    });
  });

  describe('grant', () => {
    it('grants after the J3 decision for at most three years', () => {
      given(certificationDecider, allSteps).when({ kind: 'Grant', grantedOn: '2023-10-01', validUntil: '2026-09-30' }).then([granted]);
      given(certificationDecider, allSteps).when({ kind: 'Grant', grantedOn: '2023-10-01', validUntil: '2026-10-02' }).thenFails('rule_broken', /at most 3 years/, 'validUntil');
    });

    it('refuses a grant before J3 and a second grant', () => {
      given(certificationDecider, allSteps.slice(0, 4)).when({ kind: 'Grant', grantedOn: '2023-10-01', validUntil: '2026-09-30' }).thenFails('rule_broken', /J3/);
      given(certificationDecider, [...allSteps, granted]).when({ kind: 'Grant', grantedOn: '2023-11-01', validUntil: '2026-09-30' }).thenFails('rule_broken', /renew it instead/);
    });

    it('refuses a validity that ends before it starts', () => {
      given(certificationDecider, allSteps).when({ kind: 'Grant', grantedOn: '2023-10-01', validUntil: '2023-09-30' }).thenFails('validation', /after/, 'validUntil');
    });
  });

  describe('suspension, renewal and withdrawal', () => {
    it('suspends only a granted certification, and renews a suspended one for at most three years', () => {
      given(certificationDecider, allSteps).when({ kind: 'Suspend', on: '2023-10-02', reason: 'x' }).thenFails('rule_broken', /only a granted/);
      const suspended: CertificationEvent = { type: 'CertificationSuspended', data: { certificationId: 'c1', on: '2024-02-01', reason: 'Major finding' } };
      given(certificationDecider, [...allSteps, granted]).when({ kind: 'Suspend', on: '2024-02-01', reason: 'Major finding' }).then([suspended]);
      given(certificationDecider, [...allSteps, granted, suspended])
        .when({ kind: 'Renew', on: '2024-03-01', validUntil: '2027-02-28' })
        .then([{ type: 'CertificationRenewed', data: { certificationId: 'c1', on: '2024-03-01', validUntil: '2027-02-28' } }]);
    });

    it('takes nothing further once withdrawn', () => {
      const history = [...allSteps, granted, withdrawn];
      given(certificationDecider, history).when({ kind: 'Renew', on: '2024-02-01', validUntil: '2026-01-01' }).thenFails('rule_broken', /withdrawn/);
      given(certificationDecider, history).when({ kind: 'Withdraw', on: '2024-02-01', reason: 'again' }).thenFails('rule_broken', /withdrawn/);
    });
  });
});
