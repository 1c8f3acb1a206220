import { Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import { MULTIPART_ROUTE } from '../http/request-bodies';
import { Reads, Records } from '../auth/roles';
import { Ctx, type CommandContext } from '../command-side/command-context';
import { ReadParams } from '../read-side/read-params';
import { EvidenceHashParam } from './evidence.commands';
import { StoreEvidenceMessage, type StoreEvidenceResult } from './evidence.handlers';
import { EvidenceUploads } from './evidence-upload';
import { GetEvidenceFile, GetEvidenceMeta, ListEvidence, ListEvidenceParams, type EvidenceFile } from './evidence.queries';
import { CommandRoutes } from '../command-side/command-answer.interceptor';
import { ApiCommand, ApiFile, ApiItem, ApiDatedList } from '../openapi/operations';
import { problemResponse } from '../openapi/problems';
import { text } from '../openapi/schema';
import { Evidence, EvidenceDetail, EvidenceStored } from './evidence.schemas';

const UPLOAD_FORM = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The evidence file; its SHA-256 becomes its identity' },
    effectiveOn: { type: 'string', format: 'date', description: 'The day the document starts to count' },
    validUntil: { type: 'string', format: 'date', description: 'The day after which it proves nothing; not before effectiveOn' },
    description: { type: 'string', maxLength: 4000 },
  },
};

@ApiTags('evidence')
@ApiBearerAuth()
@CommandRoutes()
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly uploads: EvidenceUploads,
  ) {}

  @ApiCommand('Upload an evidence file', {
    answer: EvidenceStored,
    description: 'Stored and recorded: the recorded details and where the event went',
    also: { status: 200, description: 'The same bytes were already stored: nothing appended (eventIds is empty); the details recorded the first time stand' },
  })
  @Post()
  @Records()
  @RouteConfig(MULTIPART_ROUTE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_FORM })
  @ApiResponse({ status: 413, ...problemResponse(413, 'The file is larger than EVIDENCE_MAX_BYTES (50 MiB by default)') })
  async upload(@Req() request: FastifyRequest, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const upload = await this.uploads.receive(request);
    const result: StoreEvidenceResult = await this.commands.execute(new StoreEvidenceMessage(upload, ctx));
    if (result.eventIds.length === 0) void reply.status(200);
    return result;
  }

  @ApiDatedList('List evidence', Evidence)
  @Get()
  @Reads()
  list(@Query() params: ListEvidenceParams) {
    return this.queries.execute(new ListEvidence(params));
  }

  @ApiFile('Download an evidence file', '*/*', 'The bytes, in the media type they were uploaded with, checked against their hash before sending', {
    ETag: { description: 'The SHA-256, quoted', schema: text(undefined, { pattern: '^"[0-9a-f]{64}"$' }) },
    'Content-Disposition': { description: 'attachment, with the file name as uploaded', schema: text() },
  })
  @ApiResponse({ status: 503, ...problemResponse(503, 'The file is missing or its bytes no longer match their hash: restore it from a backup') })
  @Get(':sha256')
  @Reads()
  async download(@Param() { sha256 }: EvidenceHashParam, @Res({ passthrough: true }) reply: FastifyReply) {
    const { evidence, stream, size }: EvidenceFile = await this.queries.execute(new GetEvidenceFile(sha256));
    void reply.header('etag', `"${sha256}"`).header('cache-control', 'private, max-age=31536000, immutable');
    return new StreamableFile(stream, { type: evidence.mediaType, disposition: attachment(evidence.name), length: size });
  }

  @ApiItem('Get the recorded details of an evidence file', EvidenceDetail, { description: 'The recorded details, whether the evidence has expired, and the file checked now: intact, missing or altered' })
  @Get(':sha256/meta')
  @Reads()
  meta(@Param() { sha256 }: EvidenceHashParam, @Query() params: ReadParams) {
    return this.queries.execute(new GetEvidenceMeta(sha256, params));
  }
}

/** RFC 6266: an ASCII fallback, and the exact name in RFC 8187 encoding. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
