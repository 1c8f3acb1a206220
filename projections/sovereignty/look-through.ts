/**
 * Direct and indirect shares in the provider, along ownership chains
 * (decision 22). Two readings are computed and the stricter kept:
 *
 * - multiplication: a holder's share is the sum, over every chain from it to
 *   the provider, of the product of the percentages along the chain;
 * - control: an entity controls another when it (with what it already
 *   controls) holds more than 50 % of its voting rights or holds a control
 *   right over it; it is then deemed to hold the whole of every stake that
 *   the entities it controls hold.
 *
 * Capital and voting rights are computed separately; control always follows
 * voting rights. Pure: the structure of one day in, figures out.
 */
export type Measure = 'capital' | 'voting';
export const MEASURES: readonly Measure[] = ['capital', 'voting'];

export interface Structure {
  provider: string;
  /** Every entity existing that day, and whether it is non-EU (decision 22). */
  entities: readonly { entityId: string; nonEu: boolean }[];
  holdings: readonly { holder: string; of: string; capitalPercent: number; votingPercent: number }[];
  /** Control rights in force that day. */
  rights: readonly { holder: string; of: string }[];
}

export interface Figures {
  capitalPercent: number;
  votingPercent: number;
}

export interface Chain extends Figures {
  /** From the holder to the provider. */
  path: string[];
}

export interface HolderShare {
  entityId: string;
  direct: Figures;
  multiplied: Figures;
  byControl: Figures;
  /** The stricter of the two readings. */
  effective: Figures;
  method: 'direct' | 'multiplication' | 'control';
  chains: Chain[];
  /** The other entities it controls that day (decision 22). */
  controls: string[];
}

export interface LookThrough {
  holders: HolderShare[];
  /** Of the provider's capital and voting rights, the part held by non-EU entities, each stake counted once. */
  nonEuCollective: Figures;
  /** For each entity, the non-EU entities that control it (themselves included when non-EU). */
  controllers: Map<string, string[]>;
  /** For each entity, the entities it controls, itself included. */
  groups: Map<string, ReadonlySet<string>>;
}

/** Figures are percentages kept to four decimals, so that 24.00000001 from floating point reads as 24. */
export const round = (percent: number) => Math.round(percent * 10_000) / 10_000;
const pct = (h: Structure['holdings'][number], m: Measure) => (m === 'capital' ? h.capitalPercent : h.votingPercent) / 100;
const MAX_CHAINS = 20;

export function lookThrough(s: Structure): LookThrough {
  const out = new Map<string, Structure['holdings'][number][]>();
  const into = new Map<string, Structure['holdings'][number][]>();
  for (const h of s.holdings) {
    out.set(h.holder, [...(out.get(h.holder) ?? []), h]);
    into.set(h.of, [...(into.get(h.of) ?? []), h]);
  }
  const groups = new Map(s.entities.map((e) => [e.entityId, controlledBy(s, e.entityId, into)]));

  /** Share in the provider by multiplication (the structure has no cycle; one met is cut rather than looped). */
  const memo = new Map<string, number>();
  const multiplied = (id: string, m: Measure, seen: Set<string> = new Set()): number => {
    if (id === s.provider) return 1;
    const key = `${m}|${id}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    const next = new Set(seen).add(id);
    const share = (out.get(id) ?? []).reduce((sum, h) => sum + pct(h, m) * multiplied(h.of, m, next), 0);
    memo.set(key, share);
    return share;
  };

  const byControl = (id: string, m: Measure): number => {
    const group = groups.get(id)!;
    let share = 0;
    for (const member of group) {
      for (const h of out.get(member) ?? []) {
        if (h.of === s.provider) share += pct(h, m);
        else if (!group.has(h.of)) share += pct(h, m) * multiplied(h.of, m);
      }
    }
    return Math.min(share, 1);
  };

  const holders: HolderShare[] = [];
  for (const { entityId } of s.entities) {
    if (entityId === s.provider) continue;
    const figures = (f: (m: Measure) => number): Figures => ({ capitalPercent: round(f('capital') * 100), votingPercent: round(f('voting') * 100) });
    const directHolding = (out.get(entityId) ?? []).find((h) => h.of === s.provider);
    const direct = figures((m) => (directHolding ? pct(directHolding, m) : 0));
    const mult = figures((m) => multiplied(entityId, m));
    const control = figures((m) => byControl(entityId, m));
    const effective = { capitalPercent: Math.max(mult.capitalPercent, control.capitalPercent), votingPercent: Math.max(mult.votingPercent, control.votingPercent) };
    if (effective.capitalPercent === 0 && effective.votingPercent === 0) continue;
    const stricterByControl = control.capitalPercent > mult.capitalPercent || control.votingPercent > mult.votingPercent;
    const onlyDirect = mult.capitalPercent === direct.capitalPercent && mult.votingPercent === direct.votingPercent;
    const method = stricterByControl ? 'control' : onlyDirect ? 'direct' : 'multiplication';
    const controls = [...groups.get(entityId)!].filter((id) => id !== entityId).sort();
    holders.push({ entityId, direct, multiplied: mult, byControl: control, effective, method, chains: chainsFrom(entityId, s.provider, out), controls });
  }

  const nonEu = new Set(s.entities.filter((e) => e.nonEu).map((e) => e.entityId));
  const controllers = new Map(s.entities.map((e) => [e.entityId, [...nonEu].filter((n) => groups.get(n)!.has(e.entityId)).sort()]));
  /** The fraction of an entity held by non-EU entities: all of it when one controls it. */
  const fractionMemo = new Map<string, number>();
  const nonEuFraction = (id: string, m: Measure, seen: Set<string> = new Set()): number => {
    if (controllers.get(id)!.length > 0) return 1;
    const key = `${m}|${id}`;
    const known = fractionMemo.get(key);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    const next = new Set(seen).add(id);
    const fraction = Math.min(1, (into.get(id) ?? []).reduce((sum, h) => sum + pct(h, m) * nonEuFraction(h.holder, m, next), 0));
    fractionMemo.set(key, fraction);
    return fraction;
  };
  const collective = (m: Measure) => (into.get(s.provider) ?? []).reduce((sum, h) => sum + pct(h, m) * nonEuFraction(h.holder, m), 0);
  const largest = (m: Measure) => Math.max(0, ...holders.filter((h) => nonEu.has(h.entityId)).map((h) => (m === 'capital' ? h.effective.capitalPercent : h.effective.votingPercent)));
  // Each stake is counted once; never less than the largest single non-EU share, which control may have widened.
  const nonEuCollective = {
    capitalPercent: Math.max(round(Math.min(collective('capital'), 1) * 100), largest('capital')),
    votingPercent: Math.max(round(Math.min(collective('voting'), 1) * 100), largest('voting')),
  };
  return { holders, nonEuCollective, controllers, groups };
}

/** The entities `id` controls, itself included: more than 50 % of voting rights, or a control right, held by the group. */
function controlledBy(s: Structure, id: string, into: Map<string, Structure['holdings'][number][]>): Set<string> {
  const group = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { entityId } of s.entities) {
      if (group.has(entityId)) continue;
      const voting = (into.get(entityId) ?? []).filter((h) => group.has(h.holder)).reduce((sum, h) => sum + h.votingPercent, 0);
      if (voting > 50 || s.rights.some((r) => r.of === entityId && group.has(r.holder))) {
        group.add(entityId);
        grew = true;
      }
    }
  }
  return group;
}

/** Every ownership chain from `from` to `to` with the product of its percentages, largest first (at most 20). */
function chainsFrom(from: string, to: string, out: Map<string, Structure['holdings'][number][]>): Chain[] {
  const chains: Chain[] = [];
  const walk = (id: string, path: string[], capital: number, voting: number) => {
    if (id === to) {
      chains.push({ path, capitalPercent: round(capital * 100), votingPercent: round(voting * 100) });
      return;
    }
    for (const h of out.get(id) ?? []) if (!path.includes(h.of)) walk(h.of, [...path, h.of], capital * pct(h, 'capital'), voting * pct(h, 'voting'));
  };
  walk(from, [from], 1, 1);
  return chains.sort((a, b) => b.capitalPercent + b.votingPercent - (a.capitalPercent + a.votingPercent)).slice(0, MAX_CHAINS);
}
