import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../shared/core.module';
import { EvidenceLookup } from './evidence-lookup';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Reads, Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import type { CommandResult } from '../command-side/command-runner';
import { ListParams } from '../read-side/read-params';
import { notFound } from '../shared/errors';
import { Sha256Param } from './evidence.commands';
import { EvidenceFiles } from './evidence-files';
import { ListEvidence } from './evidence.queries';
import { StoreEvidenceMessage } from './evidence.handlers';
import { receiveUpload } from './receive-upload';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly bus: CommandBus,
    private readonly queries: QueryBus,
    private readonly files: EvidenceFiles,
    private readonly lookup: EvidenceLookup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores a file by its SHA-256; 201 the first time, 200 when the same bytes were already stored (nothing appended). */
  @Post()
  @Records()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        effectiveOn: { type: 'string', format: 'date' },
        validUntil: { type: 'string', format: 'date' },
        description: { type: 'string' },
      },
    },
  })
  async upload(@Req() request: FastifyRequest, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const upload = await receiveUpload(request, this.files, this.config.evidenceMaxBytes);
    const result: CommandResult = await this.bus.execute(new StoreEvidenceMessage({ kind: 'StoreEvidence', ...upload }, ctx));
    if (result.eventIds.length === 0) void reply.status(200);
    return { sha256: upload.sha256, size: upload.size, mediaType: upload.mediaType, ...result };
  }

  @Get()
  @Reads()
  list(@Query() params: ListParams) {
    return this.queries.execute(new ListEvidence(params));
  }

  /** The stored bytes, as uploaded. */
  @Get(':sha256')
  @Reads()
  @ApiProduces('application/octet-stream')
  async download(@Param() { sha256 }: Sha256Param, @Res() reply: FastifyReply) {
    const doc = await this.lookup.record(sha256);
    const file = doc && (await this.files.open(sha256));
    if (!file) throw notFound(`no evidence stored with SHA-256 ${sha256}`);
    return reply
      .type(doc.mediaType)
      .header('content-length', file.size)
      .header('etag', `"${sha256}"`)
      .header('content-disposition', attachment(doc.name))
      .send(file.stream);
  }
}

/** An ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 8187): names such as « procédure.pdf » survive. */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
