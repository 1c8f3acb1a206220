import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory on the same disk as the OS temp dir, removed afterwards. */
export async function inScratchDir<T>(action: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-bench-'));
  try {
    return await action(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `step` repeatedly for about `seconds` and answers operations per second. */
export async function ratePerSecond(seconds: number, step: () => Promise<number> | number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let operations = 0;
  while (performance.now() < deadline) operations += await step();
  return operations / ((performance.now() - start) / 1000);
}

export interface BenchRow {
  name: string;
  baseline: string;
  baselineValue: number;
  ours: number;
  unit: string;
  /** Higher is better for rates, lower for durations. */
  higherIsBetter: boolean;
  /** The issue's bound on the ratio: a floor when higher is better, a ceiling otherwise. */
  target?: number;
}

/** Whether a row meets its target; undefined when it has none. */
const meets = (row: BenchRow): boolean | undefined => {
  if (row.target === undefined) return undefined;
  const ratio = row.ours / row.baselineValue;
  return row.higherIsBetter ? ratio >= row.target : ratio <= row.target;
};

const verdictOf = (row: BenchRow) => (row.target === undefined ? '' : `${row.higherIsBetter ? '≥' : '≤'} ${row.target} ${meets(row) ? 'met' : 'MISSED'}`);

export interface Verdict {
  name: string;
  /** What was measured, as printed (a ratio, a size). */
  value: string;
  /** The bound it is held to, as printed. */
  target: string;
  ok: boolean;
}

/** Every verdict of this process, in the order given: what `npm run bench` prints last. */
const verdicts: Verdict[] = [];

/**
 * Records a target's verdict for the final table. Rows with a target
 * printed by printRows are recorded by it; a benchmark calls this for any
 * other target (a memory bound, a latency).
 */
export function verdict(name: string, value: string, target: string, ok: boolean): void {
  verdicts.push({ name, value, target, ok });
}

/** The table of every target measured in this process with its verdict; answers whether all were met. */
export function printVerdicts(): boolean {
  console.log('\nTargets');
  console.table(verdicts.map((v) => ({ target: v.name, measured: v.value, bound: v.target, verdict: v.ok ? 'met' : 'MISSED' })));
  const missed = verdicts.filter((v) => !v.ok).length;
  console.log(`${verdicts.length - missed} of ${verdicts.length} targets met${missed > 0 ? `, ${missed} missed` : ''}`);
  return missed === 0;
}

export function printRows(title: string, rows: BenchRow[]): void {
  for (const row of rows) {
    const met = meets(row);
    if (met !== undefined) verdict(row.name, `ratio ${(row.ours / row.baselineValue).toFixed(2)} (${row.baseline})`, `${row.higherIsBetter ? '≥' : '≤'} ${row.target}`, met);
  }
  console.log(`\n${title}`);
  console.table(
    rows.map((row) => ({
      benchmark: row.name,
      baseline: `${row.baseline}: ${format(row.baselineValue)} ${row.unit}`,
      ours: `${format(row.ours)} ${row.unit}`,
      'ratio ours/baseline': (row.ours / row.baselineValue).toFixed(2),
      target: verdictOf(row),
    })),
  );
}

/** The median of an odd number of figures (the lower middle for an even one). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2));
