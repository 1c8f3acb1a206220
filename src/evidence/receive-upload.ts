import type { FastifyRequest } from 'fastify';
import { validationPipe } from '../shared/validation';
import { invalid } from '../shared/errors';
import { StoreEvidenceFieldsDto } from './evidence.commands';
import type { EvidenceFiles } from './evidence-files';
import type { EvidenceEvent } from './evidence.events';

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  parts(): AsyncIterableIterator<
    | { type: 'file'; fieldname: string; filename: string; mimetype: string; file: NodeJS.ReadableStream & { truncated?: boolean; resume(): void } }
    | { type: 'field'; fieldname: string; value: unknown }
  >;
};

/**
 * Reads a multipart upload: the file goes to disk (hashed on the way), the
 * text fields are validated like any request body. Nothing is recorded here.
 */
export async function receiveUpload(request: FastifyRequest, files: EvidenceFiles, maxBytes: number): Promise<EvidenceEvent['data']> {
  const multipart = request as MultipartRequest;
  if (!multipart.isMultipart()) throw invalid('file', 'send multipart/form-data with the file in a field named "file"');
  const fields: Record<string, unknown> = {};
  let stored: { sha256: string; size: number; mediaType: string; name: string } | null = null;
  for await (const part of multipart.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw invalid(part.fieldname, 'is not a file field of this request; the file goes in "file"');
    }
    const { sha256, size } = await files.store(part.file as never, maxBytes);
    stored = { sha256, size, mediaType: part.mimetype || 'application/octet-stream', name: part.filename || sha256 };
  }
  const valid = (await validationPipe().transform(fields, { type: 'body', metatype: StoreEvidenceFieldsDto })) as StoreEvidenceFieldsDto;
  if (!stored) throw invalid('file', 'is required: the evidence file, in a multipart field named "file"');
  return { ...stored, effectiveOn: valid.effectiveOn ?? null, validUntil: valid.validUntil ?? null, description: valid.description ?? null };
}
