import { controlDecider, type ControlCommand } from '../../../src/controls/controls.decider';
import type { ControlEvent } from '../../../src/controls/controls.events';
import { given } from '../../support/given-when-then';

const subject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '12.6.c', certificationStatus: 'applied' } as const;
const eventSubject = { certificationId: 'c1', framework: 'secnumcloud-3.2', ref: '12.6.c' };
const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

/** Statements here are made on 2026-11-01, before the checks below (2026-11-20), so they are in force on the checks' day. */
const STATED_ON = '2026-11-01';
const stated = (applicable: boolean, justification: string, on = STATED_ON): ControlEvent => ({ type: 'ApplicabilityStated', data: { ...eventSubject, applicable, justification, on } });
const notApplicable = stated(false, 'No customer data is hosted in this service');
const applicable = stated(true, 'Logs are part of the qualified scope');
const checked = (checkId: string, result: 'passed' | 'failed'): ControlEvent => ({
  type: 'ControlCheckRecorded',
  data: { ...eventSubject, checkId, result, method: 'automated', performedAt: '2026-11-20T10:00:00Z', evidence: [], notes: result === 'failed' ? 'retention is 30 days' : null },
});

const state = (applicableNow: boolean, justification: string): ControlCommand => ({ kind: 'StateApplicability', ...subject, applicable: applicableNow, justification, on: STATED_ON });
const check = (overrides: Partial<Extract<ControlCommand, { kind: 'RecordCheck' }>> = {}): ControlCommand => ({
  kind: 'RecordCheck',
  ...subject,
  checkId: 'k1',
  result: 'passed',
  method: 'document_review',
  performedAt: '2026-11-20T10:00:00Z',
  ...overrides,
});

describe('controls decider', () => {
  describe('statement of applicability', () => {
    it('states a requirement not applicable, with its justification, for the certification and its framework', () => {
      given(controlDecider).when(state(false, 'No customer data is hosted in this service')).then([notApplicable]);
    });

    it('records the justification without surrounding spaces', () => {
      given(controlDecider).when(state(true, '  Logs are part of the qualified scope \n')).then([applicable]);
    });

    it('is idempotent: restating the same applicability with the same justification records nothing', () => {
      given(controlDecider, [notApplicable]).when(state(false, 'No customer data is hosted in this service')).then([]);
      given(controlDecider, [notApplicable]).when(state(false, ' No customer data is hosted in this service ')).then([]);
    });

    it('records a change of applicability, or a new justification for the same one', () => {
      given(controlDecider, [notApplicable]).when(state(true, 'Logs are part of the qualified scope')).then([applicable]);
      given(controlDecider, [notApplicable]).when(state(false, 'Out of scope by contract')).then([stated(false, 'Out of scope by contract')]);
    });

    it('states applicability explicitly even though a requirement applies by default', () => {
      given(controlDecider, [checked('k0', 'passed')]).when(state(true, 'Logs are part of the qualified scope')).then([applicable]);
    });

    it('holds from the day it is made when it names none', () => {
      given(controlDecider).when({ ...state(false, 'No customer data is hosted in this service'), on: undefined } as ControlCommand).then([
        stated(false, 'No customer data is hosted in this service', '2026-11-28'),
      ]);
    });

    it('holds from the day it names, for a programme recorded after the fact', () => {
      given(controlDecider).when({ ...state(false, 'No customer data is hosted in this service'), on: '2022-01-10' } as ControlCommand).then([
        stated(false, 'No customer data is hosted in this service', '2022-01-10'),
      ]);
    });

    it('refuses a statement dated in the future, or before the statement it follows', () => {
      given(controlDecider).when({ ...state(false, 'x'), on: '2026-12-31' } as ControlCommand).thenFails('validation', /future/, 'on');
      const earlier = stated(false, 'No customer data is hosted in this service', '2023-03-01');
      given(controlDecider, [earlier]).when({ ...state(true, 'In scope'), on: '2023-02-01' } as ControlCommand).thenFails('validation', /previous statement/, 'on');
      given(controlDecider, [earlier]).when({ ...state(true, 'In scope'), on: '2023-03-01' } as ControlCommand).then([stated(true, 'In scope', '2023-03-01')]);
    });

    it('refuses a blank justification', () => {
      given(controlDecider).when(state(false, '   ')).thenFails('validation', /why/, 'justification');
    });

    it('refuses any statement on a withdrawn certification', () => {
      given(controlDecider).when({ ...state(false, 'x'), certificationStatus: 'withdrawn' }).thenFails('rule_broken', /withdrawn/);
    });
  });

  describe('control checks', () => {
    it('records a check on a requirement that applies by default, without duplicate evidence', () => {
      given(controlDecider)
        .when(check({ evidence: [SHA, OTHER_SHA, SHA], notes: ' policy v3 reviewed ' }))
        .then([
          {
            type: 'ControlCheckRecorded',
            data: { ...eventSubject, checkId: 'k1', result: 'passed', method: 'document_review', performedAt: '2026-11-20T10:00:00.000Z', evidence: [SHA, OTHER_SHA], notes: 'policy v3 reviewed' },
          },
        ]);
    });

    it('records when the check was performed in UTC, whatever the zone it was given in', () => {
      given(controlDecider).when(check({ performedAt: '2026-11-20T11:30:00+01:00' })).then([
        expect.objectContaining({ data: expect.objectContaining({ performedAt: '2026-11-20T10:30:00.000Z' }) }) as ControlEvent,
      ]);
    });

    it('records a check with no evidence and no notes as empty evidence and null notes', () => {
      given(controlDecider, [applicable]).when(check({ method: 'interview' })).then([
        { type: 'ControlCheckRecorded', data: { ...eventSubject, checkId: 'k1', result: 'passed', method: 'interview', performedAt: '2026-11-20T10:00:00.000Z', evidence: [], notes: null } },
      ]);
    });

    it('records checks on a suspended certification: that is how it gets its qualification back', () => {
      const [event] = controlDecider.decide({ ...check(), certificationStatus: 'suspended' }, controlDecider.initialState, new Date('2026-11-28T12:00:00Z'));
      expect(event).toMatchObject({ type: 'ControlCheckRecorded', data: { checkId: 'k1' } });
    });

    it('refuses a check performed in the future, beyond a few minutes of clock skew', () => {
      given(controlDecider).when(check({ performedAt: '2026-11-28T13:00:00Z' })).thenFails('validation', /future/, 'performedAt');
      given(controlDecider).when(check({ performedAt: '2026-11-28T12:03:00Z' })).then([expect.objectContaining({ type: 'ControlCheckRecorded' }) as ControlEvent]);
    });

    it('compares instants across zones: at noon UTC, 13:30 in Paris (12:30 UTC) is still to come', () => {
      given(controlDecider).when(check({ performedAt: '2026-11-28T13:30:00+01:00' })).thenFails('validation', /future/, 'performedAt');
      given(controlDecider).when(check({ performedAt: '2026-11-28T12:30:00+01:00' })).then([expect.objectContaining({ type: 'ControlCheckRecorded' }) as ControlEvent]);
    });

    it('refuses a check on a withdrawn certification', () => {
      given(controlDecider, [applicable]).when({ ...check(), certificationStatus: 'withdrawn' }).thenFails('rule_broken', /withdrawn/);
    });

    it.each([['passed'], ['partial'], ['failed']] as const)('refuses a %s check on a requirement stated not applicable', (result) => {
      given(controlDecider, [notApplicable]).when(check({ result, notes: 'seen' })).thenFails('rule_broken', /state it applicable again/, 'result');
    });

    it('accepts the check once the requirement is stated applicable again', () => {
      given(controlDecider, [notApplicable, applicable]).when(check()).then([expect.objectContaining({ type: 'ControlCheckRecorded' }) as ControlEvent]);
    });

    it('records a not_applicable result on a requirement stated not applicable', () => {
      given(controlDecider, [notApplicable]).when(check({ result: 'not_applicable' })).then([
        expect.objectContaining({ data: expect.objectContaining({ result: 'not_applicable' }) }) as ControlEvent,
      ]);
    });

    it('refuses a not_applicable result unless the requirement was stated not applicable, with a justification', () => {
      given(controlDecider).when(check({ result: 'not_applicable' })).thenFails('rule_broken', /stated not applicable first/, 'result');
      given(controlDecider, [applicable]).when(check({ result: 'not_applicable' })).thenFails('rule_broken', /stated not applicable first/, 'result');
    });

    it.each([['partial'], ['failed']] as const)('asks a %s check to say what falls short', (result) => {
      given(controlDecider).when(check({ result })).thenFails('validation', /falls short/, 'notes');
      given(controlDecider).when(check({ result, notes: '  ' })).thenFails('validation', /falls short/, 'notes');
      given(controlDecider).when(check({ result, notes: 'retention is 30 days, 1 year required' })).then([
        expect.objectContaining({ data: expect.objectContaining({ result, notes: 'retention is 30 days, 1 year required' }) }) as ControlEvent,
      ]);
    });

    it('judges a check by the statement in force on its own day, not by the latest one', () => {
      const laterNotApplicable = stated(false, 'Service withdrawn from the scope', '2026-11-25');
      given(controlDecider, [laterNotApplicable]).when(check({ performedAt: '2026-11-20T10:00:00Z' })).then([expect.objectContaining({ type: 'ControlCheckRecorded' }) as ControlEvent]);
      given(controlDecider, [laterNotApplicable]).when(check({ performedAt: '2026-11-20T10:00:00Z', result: 'not_applicable' })).thenFails('rule_broken', /on or before 2026-11-20/, 'result');
      given(controlDecider, [laterNotApplicable]).when(check({ performedAt: '2026-11-26T10:00:00Z' })).thenFails('rule_broken', /not applicable on 2026-11-26/, 'result');
      given(controlDecider, [laterNotApplicable]).when(check({ performedAt: '2026-11-26T10:00:00Z', result: 'not_applicable' })).then([
        expect.objectContaining({ data: expect.objectContaining({ result: 'not_applicable' }) }) as ControlEvent,
      ]);
    });

    it('refuses to correct a passed check onto a day its requirement was stated not applicable', () => {
      const laterNotApplicable = stated(false, 'Service withdrawn from the scope', '2026-11-25');
      const correct = { kind: 'CorrectCheck', ...subject, checkId: 'k1', field: 'performedAt', reason: 'Typed 20 for 26', cited: [] } as const;
      given(controlDecider, [checked('k1', 'passed'), laterNotApplicable]).when({ ...correct, value: '2026-11-26T10:00:00Z' }).thenFails('rule_broken', /not applicable on 2026-11-26/, 'value');
      given(controlDecider, [checked('k1', 'passed'), laterNotApplicable]).when({ ...correct, value: '2026-11-19T10:00:00Z' }).then([
        expect.objectContaining({ type: 'ControlCheckCorrected' }) as ControlEvent,
      ]);
    });

    it('refuses a check id already recorded on the requirement', () => {
      given(controlDecider, [checked('k1', 'failed')]).when(check()).thenFails('rule_broken', /already recorded/, 'checkId');
    });

    it('records a new check after a failed one: the history keeps both', () => {
      given(controlDecider, [checked('k1', 'failed')]).when(check({ checkId: 'k2' })).then([expect.objectContaining({ data: expect.objectContaining({ checkId: 'k2' }) }) as ControlEvent]);
    });
  });
});
