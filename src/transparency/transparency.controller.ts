import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiItem } from '../openapi/operations';
import { ApiProblems } from '../openapi/problems';
import { Checkpoints, ConsistencyProof, InclusionProof, LogKey } from './transparency.schemas';
import { Reads } from '../auth/roles';
import { notFound } from '../shared/errors';
import { CheckpointsParams, ConsistencyParams, InclusionParams, TimestampParams } from './transparency.params';
import { servedCheckpoint, TransparencyLog, type ConsistencyAnswer, type InclusionAnswer } from './transparency-log';

const DEFAULT_PAGE = 50;

/** The log's proofs, for anyone who may read: auditors check them without trusting the operator. */
@ApiTags('transparency')
@ApiBearerAuth()
@Controller('transparency')
export class TransparencyController {
  constructor(private readonly log: TransparencyLog) {}

  @ApiFile('The latest signed checkpoint', 'text/plain', 'The latest C2SP checkpoint: origin, size, base64 root hash, then the signature and cosignature lines.')
  @ApiProblems(404)
  @Get('checkpoint')
  @Reads()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  checkpoint(): string {
    const latest = this.log.latest();
    if (!latest) throw notFound('no checkpoint has been issued yet');
    return servedCheckpoint(latest);
  }

  @ApiItem('Every checkpoint issued, newest first', Checkpoints, { description: 'One page of checkpoints; `next` is the `before` of the next page' })
  @Get('checkpoints')
  @Reads()
  checkpoints(@Query() params: CheckpointsParams) {
    const limit = params.limit ?? DEFAULT_PAGE;
    const page = this.log.tree.checkpoints(params.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const items = page.slice(0, limit).map((c) => ({
      treeSize: c.treeSize,
      rootHash: c.rootHash.toString('base64'),
      issuedAt: c.issuedAt,
      checkpoint: servedCheckpoint(c),
      timestamp: c.tsaToken?.toString('base64') ?? null,
    }));
    return { items, next: page.length > limit ? items[items.length - 1].treeSize : null };
  }

  @ApiFile('The RFC 3161 time-stamp token of a checkpoint', 'application/octet-stream', 'DER TimeStampToken (CMS SignedData over a TSTInfo) whose message imprint is the SHA-256 of the signed note, without cosignatures')
  @ApiProblems(400, 404)
  @Get('timestamp')
  @Reads()
  @Header('Content-Type', 'application/octet-stream')
  timestamp(@Query() params: TimestampParams): Buffer {
    const checkpoint = this.log.tree.checkpointAt(params.treeSize);
    if (!checkpoint) throw notFound(`no checkpoint of size ${params.treeSize} was issued`, { treeSize: params.treeSize });
    if (checkpoint.tsaToken) return checkpoint.tsaToken;
    const why = this.log.timestamper ? `the TSA has not stamped it yet${this.log.timestamper.problem ? ` (${this.log.timestamper.problem})` : ''}; it is retried` : 'no TSA_URL is configured';
    throw notFound(`the checkpoint of size ${params.treeSize} has no time-stamp token: ${why}`, { treeSize: params.treeSize });
  }

  @ApiItem("The log's public key", LogKey, { description: "The log's Ed25519 public key as PEM and as a C2SP verifier key" })
  @Get('key')
  @Reads()
  key() {
    return { origin: this.log.key.origin, pem: this.log.key.publicPem, verifierKey: this.log.key.verifierKey };
  }

  @ApiItem('Prove that an event is in the log', InclusionProof, { description: 'RFC 9162 inclusion proof of the event in the tree of treeSize leaves; hashes in base64', notFound: true })
  @Get('inclusion')
  @Reads()
  inclusion(@Query() params: InclusionParams): InclusionAnswer {
    return this.log.inclusion(params.eventId, params.treeSize);
  }

  @ApiItem('Prove that a larger tree extends a smaller one', ConsistencyProof, { description: 'RFC 9162 consistency proof between two tree sizes; hashes in base64' })
  @Get('consistency')
  @Reads()
  consistency(@Query() params: ConsistencyParams): ConsistencyAnswer {
    return this.log.consistency(params.from, params.to);
  }
}
