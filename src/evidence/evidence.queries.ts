import type { Readable } from 'node:stream';
import { twoTimes, type ValidAt } from '../shared/valid-at';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import { ReadViews } from '../read-side/read-views';
import { ListParams, pageFrom, paginate, ReadParams } from '../read-side/read-params';
import { DomainError, notFound } from '../shared/errors';
import { isExpired, type EvidenceDoc } from '../../projections/evidence';
import type { EvidenceStoredData } from './evidence.events';
import { EvidenceLookup } from './evidence-lookup';
import { EvidenceStore } from './evidence-store';

export class ListEvidenceParams extends ListParams {
  /** true: only evidence past its validUntil (on the day asked); false: only the rest. */
  @IsOptional()
  @IsIn(['true', 'false'])
  expired?: 'true' | 'false';
}

export class ListEvidence {
  constructor(readonly params: ListEvidenceParams) {}
}
export class GetEvidenceMeta {
  constructor(readonly sha256: string, readonly params: ReadParams) {}
}
export class GetEvidenceFile {
  constructor(readonly sha256: string) {}
}

export interface EvidenceFile {
  evidence: EvidenceStoredData;
  stream: Readable;
  size: number;
}

/** Expired and in effect on the business date asked about. */
const withExpiry = (doc: EvidenceDoc, at: ValidAt) => ({ ...doc, expired: isExpired(doc, at.day), inEffect: doc.effectiveOn === null || doc.effectiveOn <= at.day });

@QueryHandler(ListEvidence)
export class ListEvidenceHandler implements IQueryHandler<ListEvidence> {
  constructor(private readonly views: ReadViews) {}
  async execute({ params }: ListEvidence) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const times = twoTimes(asOf, validAt);
    if (params.expired === undefined) return { ...pageFrom(view, 'evidence', params, {}, (doc: EvidenceDoc) => withExpiry(doc, validAt)), ...times };
    const docs = view
      .list<EvidenceDoc>('evidence')
      .map(({ doc }) => withExpiry(doc, validAt))
      .filter((doc) => String(doc.expired) === params.expired);
    return { ...paginate(docs, (doc) => doc.sha256, params), ...times };
  }
}

/** What the index says of one file, and whether its bytes, checked now, still match their hash. */
@QueryHandler(GetEvidenceMeta)
export class GetEvidenceMetaHandler implements IQueryHandler<GetEvidenceMeta> {
  constructor(private readonly views: ReadViews, private readonly files: EvidenceStore) {}
  async execute({ sha256, params }: GetEvidenceMeta) {
    const { view, asOf, validAt } = await this.views.resolve(params);
    const doc = view.get<EvidenceDoc>('evidence', sha256);
    if (!doc) throw notFound(`evidence ${sha256} not found`);
    return { ...withExpiry(doc, validAt), ...twoTimes(asOf, validAt), file: await this.files.condition(sha256) };
  }
}

/**
 * The bytes of a stored file, read from the log's record (never lagging
 * behind an upload). They are hashed before anything is sent: an altered or
 * lost file is reported, never served as if it were the evidence.
 */
@QueryHandler(GetEvidenceFile)
export class GetEvidenceFileHandler implements IQueryHandler<GetEvidenceFile, EvidenceFile> {
  constructor(private readonly lookup: EvidenceLookup, private readonly files: EvidenceStore) {}
  async execute({ sha256 }: GetEvidenceFile): Promise<EvidenceFile> {
    const evidence = await this.lookup.get(sha256);
    const condition = await this.files.condition(sha256);
    const file = condition === 'intact' ? await this.files.open(sha256) : null;
    if (!file) {
      throw new DomainError('unavailable', `evidence ${sha256} is recorded but its file is ${condition === 'intact' ? 'missing' : condition} in the evidence store; restore it from a backup`, {
        file: condition,
      });
    }
    return { evidence, ...file };
  }
}

export const EVIDENCE_QUERY_HANDLERS = [ListEvidenceHandler, GetEvidenceMetaHandler, GetEvidenceFileHandler];
