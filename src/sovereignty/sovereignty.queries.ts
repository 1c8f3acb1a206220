import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { evaluate, REQUIREMENTS, type SovereigntyEvaluation } from '../../projections/sovereignty/evaluate';
import type { Ledger, NoticeObligation } from '../../projections/sovereignty/ledger';
import { noticeStatus } from '../../projections/sovereignty/notices';
import { SOVEREIGNTY_KEY, type SovereigntyDoc } from '../../projections/sovereignty/projection';
import { CommandRunner } from '../command-side/command-runner';
import { ReadViews } from '../read-side/read-views';
import { ReadParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { applyPlan, effectOf, lastDateOf, planOf } from './simulate';
import type { SimulateDto } from './simulate.commands';
import { sovereigntyDecider } from './sovereignty.decider';
import { SOVEREIGNTY_STREAM } from './sovereignty.events';

/** `validAt`, as on every query, is the business date evaluated: its day; the moment asked about (today, or the as-of instant) when left out. */
export class SovereigntyParams extends ReadParams {}

export class GetSovereignty {
  constructor(readonly params: SovereigntyParams) {}
}
export class SimulateSovereignty {
  constructor(readonly body: SimulateDto) {}
}

const NO_PROVIDER = 'no provider recorded: POST /sovereignty/entities with isProvider true first';

/** A 19.6.f obligation as of `now`: its status, and whether a pending one is past its due day. */
export function noticeAsOf(n: NoticeObligation, now: Date) {
  const status = noticeStatus(n);
  return { ...n, status, overdue: status === 'pending' && n.dueOn < now.toISOString().slice(0, 10) };
}

function evaluated(ledger: Ledger, validAt: string): SovereigntyEvaluation {
  const evaluation = evaluate(ledger, validAt);
  if (evaluation === null) throw notFound(NO_PROVIDER);
  return evaluation;
}

@QueryHandler(GetSovereignty)
export class GetSovereigntyHandler implements IQueryHandler<GetSovereignty> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: GetSovereignty) {
    const { view, now, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<SovereigntyDoc>('sovereignty', SOVEREIGNTY_KEY);
    if (!doc) throw notFound(NO_PROVIDER);
    return { asOf, ...evaluated(doc, validAt.day), notices: doc.notices.map((n) => noticeAsOf(n, now)) };
  }
}

/**
 * A planned operation evaluated on the structure as the log holds it now,
 * without recording anything: the same rules as recorded facts (future dates
 * allowed), then the evaluation before and after on `validAt`.
 */
@QueryHandler(SimulateSovereignty)
export class SimulateSovereigntyHandler implements IQueryHandler<SimulateSovereignty> {
  constructor(private readonly runner: CommandRunner) {}
  async execute({ body }: SimulateSovereignty) {
    const plan = planOf(body);
    const { state: current, position } = await this.runner.load(sovereigntyDecider, SOVEREIGNTY_STREAM);
    const planned = applyPlan(current, plan);
    const validAt = body.validAt ?? lastDateOf(plan);
    const [before, after] = [evaluated(current, validAt), evaluated(planned, validAt)];
    return {
      ...after,
      basedOn: { position },
      changes: plan.holdings,
      planned: { controlRights: plan.controlRights, access: plan.access, locations: plan.locations },
      before: { verdicts: Object.fromEntries(REQUIREMENTS.map((r) => [r, before.requirements[r].verdict])), nonEu: before.nonEu },
      ...effectOf(before, after),
      recorded: false,
    };
  }
}

export const SOVEREIGNTY_QUERY_HANDLERS = [GetSovereigntyHandler, SimulateSovereigntyHandler];
