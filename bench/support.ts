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
  /** The bound on the ratio: a floor when higher is better, a ceiling otherwise. */
  target?: number;
}

const verdict = (row: BenchRow) => {
  if (row.target === undefined) return '';
  const ratio = row.ours / row.baselineValue;
  const met = row.higherIsBetter ? ratio >= row.target : ratio <= row.target;
  return `${row.higherIsBetter ? '≥' : '≤'} ${row.target} ${met ? 'met' : 'MISSED'}`;
};

export function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((row) => ({
      benchmark: row.name,
      baseline: `${row.baseline}: ${format(row.baselineValue)} ${row.unit}`,
      ours: `${format(row.ours)} ${row.unit}`,
      'ratio ours/baseline': (row.ours / row.baselineValue).toFixed(2),
      target: verdict(row),
    })),
  );
}

const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2));
