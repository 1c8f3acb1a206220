/** Our positions on EventStoreDB: the decimal log position of an event's record. */
import type { Position } from '../event-store';
import { DomainError } from '../../shared/errors';

/** ESDB's "no position" value (ulong max). */
const NO_POSITION = (1n << 64n) - 1n;

/**
 * Our position of an ESDB event: its prepare position, i.e. the log position
 * of its record. Every event written through the gRPC API is a self-committed
 * record, so in `$all` its commit position equals its prepare position and the
 * single number is enough to resume from ({commit: p, prepare: p}). Stream reads
 * may report the write's transaction position as `commit`; the prepare position
 * is the event's own in both cases.
 */
export function encodePosition(position: { commit: bigint; prepare: bigint } | undefined, at: string): Position {
  if (!position || position.prepare < 0n || position.prepare >= NO_POSITION) {
    throw new Error(`EventStoreDB returned no log position for ${at}; Confiance needs EventStoreDB 22.6 or later`);
  }
  return position.prepare.toString(10);
}

/**
 * Position of an event read from `$all`. Events written by legacy explicit
 * transactions (TCP API, before 20.x) have commit != prepare: one number could
 * not resume a read there, so they are refused rather than silently skipped.
 */
export function encodeAllPosition(position: { commit: bigint; prepare: bigint } | undefined, at: string): Position {
  const encoded = encodePosition(position, at);
  if (position!.commit !== position!.prepare) {
    throw new Error(
      `${at} sits in a multi-record transaction (commit ${position!.commit}, prepare ${position!.prepare}); ` +
        'Confiance only reads logs written through the gRPC API',
    );
  }
  return encoded;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The ESDB read position of one of our positions: commit = prepare = the record's log position. */
export function decodePosition(position: Position): { commit: bigint; prepare: bigint } {
  if (!DECIMAL.test(position)) throw new DomainError('validation', `invalid position ${JSON.stringify(position)}`);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}
