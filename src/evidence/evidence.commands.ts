import { IsOptional, IsString, Length, ValidateBy, buildMessage, type ValidationArguments } from 'class-validator';
import { IsCalendarDate, IsSha256, NotBlank } from '../shared/validators';

/** On or after another date field of the same request, when both are given. */
const IsNotBefore = (other: string) =>
  ValidateBy({
    name: 'isNotBefore',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const earliest = (args?.object as Record<string, unknown>)[other];
        return typeof value !== 'string' || typeof earliest !== 'string' || value >= earliest;
      },
      defaultMessage: buildMessage(() => `$property cannot be before ${other}`),
    },
  });

/**
 * The text fields of POST /evidence (multipart/form-data), beside the `file`
 * part. Checked before the file enters the store, so a refused upload leaves
 * nothing behind.
 */
export class UploadEvidenceFields {
  /** The day the document starts to count, such as the date of a scan report. */
  @IsOptional()
  @IsCalendarDate()
  effectiveOn?: string;

  /** The day after which it proves nothing any more; not before effectiveOn. */
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('effectiveOn')
  validUntil?: string;

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  description?: string;
}

/** A stored file is addressed by its hash. */
export class EvidenceHashParam {
  @IsSha256()
  sha256!: string;
}
