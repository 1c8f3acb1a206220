import { checkpointImprint, timestampQuery, tokenFromResponse, TimestampError } from './timestamp-request';
import type { TreeStore } from './tree-store';

/** A TSA that does not answer within this long counts as down. */
const TIMEOUT_MS = 10_000;
/** Checkpoints stamped per round, newest first: a TSA back after a long outage is not flooded. */
const PER_ROUND = 20;

/** Sends a DER TimeStampReq to an RFC 3161 TSA over HTTP (RFC 3161 §3.4) and answers the token it grants. */
export async function requestTimestamp(url: string, note: string): Promise<Buffer> {
  const query = timestampQuery(checkpointImprint(note));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
    body: query.der,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new TimestampError(`the TSA answered HTTP ${response.status}`);
  return tokenFromResponse(Buffer.from(await response.arrayBuffer()), query);
}

/** Why a request to the TSA failed, in words an operator acts on. */
function whyNot(error: unknown): string {
  // Read by shape: fetch's errors may come from another realm than this module's Error.
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError') return `the TSA did not answer within ${TIMEOUT_MS / 1000} s`;
  if (name === 'TypeError' && cause) return `the TSA cannot be reached (${cause.code ?? cause.message})`;
  return message ?? String(error);
}

/**
 * Time-stamps checkpoints with an RFC 3161 authority, beside their issuance:
 * a checkpoint is recorded first, its token added when the TSA grants one.
 * A TSA that is down stops nothing; the checkpoints it missed keep no token
 * (visible as such) and are retried `retryMs` later.
 */
export class Timestamper {
  private retryAt = 0;
  /** Why the last request failed, until one succeeds. */
  problem: string | null = null;

  constructor(
    private readonly tree: TreeStore,
    readonly url: string,
    private readonly retryMs: number,
    private readonly ask: (url: string, note: string) => Promise<Buffer> = requestTimestamp,
  ) {}

  /** The token of the checkpoint of `treeSize`, asked for now if it has none; null when the TSA could not give one. */
  async stamp(treeSize: number): Promise<Buffer | null> {
    const checkpoint = this.tree.checkpointAt(treeSize);
    if (!checkpoint) return null;
    if (checkpoint.tsaToken) return checkpoint.tsaToken;
    try {
      const token = await this.ask(this.url, checkpoint.note);
      this.tree.recordTimestamp(treeSize, token);
      this.problem = null;
      return this.tree.checkpointAt(treeSize)?.tsaToken ?? null;
    } catch (error) {
      this.problem = whyNot(error);
      this.retryAt = Date.now() + this.retryMs;
      return null;
    }
  }

  /** Whether a request may go out now: not while a failed TSA waits for its retry time. */
  get available(): boolean {
    return Date.now() >= this.retryAt;
  }

  /** Stamps the checkpoints that lack a token, newest first, until the TSA fails; answers how many were stamped. */
  async stampPending(): Promise<number> {
    if (!this.available) return 0;
    let stamped = 0;
    for (const treeSize of this.tree.unstampedCheckpoints(PER_ROUND)) {
      if (!(await this.stamp(treeSize))) break;
      stamped += 1;
    }
    return stamped;
  }
}
