import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { SUBJECT_PATTERN } from '../people/people.commands';
import { IsCalendarDate, IsInstant } from '../shared/validators';

export class OpenEngagementDto {
  /** The auditor's subject id; their engagement tokens carry it. */
  @Matches(SUBJECT_PATTERN, { message: 'auditor must be a subject id: 1 to 100 letters, digits, or . _ @ -, starting with a letter or digit' })
  auditor!: string;

  /** The certifications under audit: the only ones the auditor will see. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  certificationIds!: string[];

  /** The observation window, business dates from–to. */
  @IsCalendarDate()
  windowFrom!: string;

  @IsCalendarDate()
  windowTo!: string;

  /** When the auditor's access ends, whatever their tokens say. */
  @IsInstant()
  accessUntil!: string;
}
