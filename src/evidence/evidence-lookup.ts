import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../command-side/command-runner';
import { invalid, notFound } from '../shared/errors';
import { evidenceDecider } from './evidence.decider';
import { evidenceStream, SHA256, type EvidenceStoredData } from './evidence.events';
import { requireInEffect, type CitedEvidence } from '../shared/evidence-in-effect';

/**
 * For other areas' handlers (control checks, remediations, audit reports,
 * post-mortems): evidence they cite must have been stored first, so that
 * every hash in the log leads to a file.
 */
@Injectable()
export class EvidenceLookup {
  constructor(private readonly runner: CommandRunner) {}

  async exists(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    const { state } = await this.runner.load(evidenceDecider, evidenceStream(sha256));
    return state.stored;
  }

  /** What was recorded when the file was stored; 404 when it never was. */
  async get(sha256: string): Promise<EvidenceStoredData> {
    const { state } = await this.runner.load(evidenceDecider, evidenceStream(sha256));
    if (!state.stored) throw notFound(`evidence ${sha256} not found; upload it with POST /evidence`);
    const { stored: _, ...data } = state;
    return data;
  }

  /** Refuses the request (400 naming `field`) when one of `hashes` was never stored. */
  async requireAll(hashes: readonly string[] | null | undefined, field: string): Promise<void> {
    const missing: string[] = [];
    for (const sha256 of new Set(hashes ?? [])) if (!(await this.exists(sha256))) missing.push(sha256);
    if (missing.length > 0) throw invalid(field, `cites evidence that was never stored (${missing.join(', ')}); upload it first with POST /evidence`);
  }

  /**
   * Like `requireAll`, and refuses (422 naming the evidence) a file whose
   * `effectiveOn` is after `on`, the date of the fact that cites it.
   */
  /** When each of `hashes` took effect, for a decider that checks a date against them. */
  async effectiveDates(hashes: readonly string[] | null | undefined): Promise<CitedEvidence[]> {
    const cited = await Promise.all([...new Set(hashes ?? [])].map((sha256) => this.get(sha256)));
    return cited.map(({ sha256, effectiveOn }) => ({ sha256, effectiveOn }));
  }

  async requireInEffectOn(hashes: readonly string[] | null | undefined, field: string, on: string): Promise<void> {
    await this.requireAll(hashes, field);
    const cited = await Promise.all([...new Set(hashes ?? [])].map((sha256) => this.get(sha256)));
    requireInEffect(cited, on, field);
  }
}
