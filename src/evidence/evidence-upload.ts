import type {} from '@fastify/multipart';
import { finished } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../shared/core.module';
import { DomainError, invalid, isDomainError, type FieldError } from '../shared/errors';
import { validationPipe } from '../shared/validation';
import { UploadEvidenceFields } from './evidence.commands';
import { EvidenceStore, type IncomingEvidence } from './evidence-store';

/** An upload whose bytes are durable at their content address, with the details to record. */
export interface ReceivedUpload {
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  fields: UploadEvidenceFields;
}

const MEDIA_TYPE = /^[a-z0-9][\w.+-]*\/[\w.+-]+$/i;
const fieldsPipe = validationPipe();

/**
 * Reads POST /evidence (multipart/form-data) with @fastify/multipart's
 * request API, in whatever order the parts come: the `file` part is streamed
 * to a temp file while hashed, the text fields are checked with the same
 * class-validator pipe as JSON bodies, and only a valid upload enters the store.
 */
@Injectable()
export class EvidenceUploads {
  constructor(
    private readonly store: EvidenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(request: FastifyRequest): Promise<ReceivedUpload> {
    if (!request.isMultipart()) throw invalid('file', 'is required: send multipart/form-data with the evidence in a part named "file"');
    const fields: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    let file: { incoming: IncomingEvidence; name: string; mediaType: string } | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'file') errors.push({ field: 'file', messages: ['file must be a file part, with a filename'] });
          else fields[part.fieldname] = part.fieldname in fields ? [fields[part.fieldname], part.value].flat() : part.value;
          continue;
        }
        if (part.fieldname !== 'file') {
          // Read it to the end so that the parts after it still arrive; then refuse the request.
          await finished(part.file.resume());
          errors.push({ field: part.fieldname, messages: [`${part.fieldname} is not a field of this form; send the evidence as "file"`] });
          continue;
        }
        file = { incoming: await this.store.receive(part.file), name: fileName(part.filename), mediaType: mediaType(part.mimetype) };
        if (part.file.truncated) {
          const message = `file: larger than the ${this.config.evidenceMaxBytes} bytes accepted (EVIDENCE_MAX_BYTES)`;
          throw new DomainError('too_large', message, { field: 'file', limit: this.config.evidenceMaxBytes });
        }
      }
      const valid = await this.validate(fields, errors);
      if (file?.incoming.size === 0) errors.push({ field: 'file', messages: ['file is empty: evidence must hold at least one byte'] });
      if (!file && !errors.some((e) => e.field === 'file')) errors.push({ field: 'file', messages: ['file is required: the evidence, in a part named "file"'] });
      if (errors.length > 0 || !file || !valid) {
        throw new DomainError('validation', errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; '), { errors });
      }
      await file.incoming.commit();
      const { sha256, size } = file.incoming;
      return { sha256, size, mediaType: file.mediaType, name: file.name, fields: valid };
    } catch (error) {
      await file?.incoming.discard();
      throw malformedForm(error);
    }
  }

  /** The text fields as a DTO, or null with their problems added to `errors`. */
  private async validate(fields: Record<string, unknown>, errors: FieldError[]): Promise<UploadEvidenceFields | null> {
    try {
      return (await fieldsPipe.transform(fields, { type: 'body', metatype: UploadEvidenceFields })) as UploadEvidenceFields;
    } catch (error) {
      if (!isDomainError(error, 'validation')) throw error;
      errors.push(...(error.details.errors ?? []));
      return null;
    }
  }
}

/**
 * What the multipart reader throws on a body that is not a well-formed form
 * (no boundary, no closing boundary) is the client's mistake: a 400 naming
 * file. Errors of the disk (with a syscall) and our own refusals pass as they are.
 */
function malformedForm(error: unknown): unknown {
  if (isDomainError(error) || typeof error !== 'object' || error === null || 'syscall' in error || 'statusCode' in error) return error;
  const reason = String((error as { message?: unknown }).message ?? error);
  return invalid('file', `the multipart/form-data body is malformed (${reason}); send the evidence in a part named "file"`);
}

/** The uploaded name without control characters (it ends up in a Content-Disposition header). */
const fileName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255) || 'evidence';

/** As the client declared it, when it looks like a media type. */
const mediaType = (declared: string) => (MEDIA_TYPE.test(declared) ? declared.toLowerCase() : 'application/octet-stream');
