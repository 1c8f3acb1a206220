import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/roles';
import { notFound } from '../shared/errors';
import { CheckpointsParams, ConsistencyParams, InclusionParams } from './transparency.params';
import { servedCheckpoint, TransparencyLog, type ConsistencyAnswer, type InclusionAnswer } from './transparency-log';

const DEFAULT_PAGE = 50;

/** The log's proofs, for anyone who may read: auditors check them without trusting the operator. */
@ApiTags('transparency')
@ApiBearerAuth()
@Controller('transparency')
export class TransparencyController {
  constructor(private readonly log: TransparencyLog) {}

  @Get('checkpoint')
  @Reads()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The latest C2SP checkpoint: origin, size, base64 root hash, then the signature and cosignature lines.' })
  checkpoint(): string {
    const latest = this.log.latest();
    if (!latest) throw notFound('no checkpoint has been issued yet');
    return servedCheckpoint(latest);
  }

  @Get('checkpoints')
  @Reads()
  @ApiOkResponse({ description: 'Every checkpoint issued, newest first; `next` is the `before` of the next page.' })
  checkpoints(@Query() params: CheckpointsParams) {
    const limit = params.limit ?? DEFAULT_PAGE;
    const page = this.log.tree.checkpoints(params.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const items = page.slice(0, limit).map((c) => ({
      treeSize: c.treeSize,
      rootHash: c.rootHash.toString('base64'),
      issuedAt: c.issuedAt,
      checkpoint: servedCheckpoint(c),
    }));
    return { items, next: page.length > limit ? items[items.length - 1].treeSize : null };
  }

  @Get('key')
  @Reads()
  @ApiOkResponse({ description: "The log's Ed25519 public key as PEM and as a C2SP verifier key." })
  key() {
    return { origin: this.log.key.origin, pem: this.log.key.publicPem, verifierKey: this.log.key.verifierKey };
  }

  @Get('inclusion')
  @Reads()
  @ApiOkResponse({ description: 'RFC 9162 inclusion proof of the event in the tree of treeSize leaves; hashes in base64.' })
  inclusion(@Query() params: InclusionParams): InclusionAnswer {
    return this.log.inclusion(params.eventId, params.treeSize);
  }

  @Get('consistency')
  @Reads()
  @ApiOkResponse({ description: 'RFC 9162 consistency proof between two tree sizes; hashes in base64.' })
  consistency(@Query() params: ConsistencyParams): ConsistencyAnswer {
    return this.log.consistency(params.from, params.to);
  }
}
