import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCalendarDate, IsInstant, IsSha256, NotBlank } from '../shared/validators';
import { CHECK_CORRECTABLE_FIELDS, CHECK_METHODS, CHECK_RESULTS, type CheckCorrectableField, type CheckMethod, type CheckResult } from './controls.events';

/** Free text that says something: not empty, not only spaces. */

/** The statement of applicability of one requirement, for one certification. */
export class StateApplicabilityDto {
  @IsBoolean()
  applicable!: boolean;

  /** Why the requirement applies to the service, or why it does not (an auditor reads this in the dossier). */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  justification!: string;

  /** Days after which a check of this requirement is due again; the certification's interval when left out. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3660)
  reviewIntervalDays?: number;

  /** The day the statement holds from, such as 2022-01-10; today when left out; not in the future, nor before the previous statement. */
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class RecordCheckDto {
  /** not_applicable only for a requirement stated not applicable. */
  @IsIn(CHECK_RESULTS)
  result!: CheckResult;

  @IsIn(CHECK_METHODS)
  method!: CheckMethod;

  /** When the check was performed, with its zone, such as 2026-11-20T14:00:00Z; not in the future. */
  @IsInstant()
  performedAt!: string;

  /** SHA-256 digests of evidence files (POST /evidence) the check relied on. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsSha256({ each: true })
  evidence?: string[];

  /** What was looked at; required for a failed or partial result, to say what falls short. */
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  notes?: string;
}

/** Sets right the business date a check was recorded with. */
export class CorrectCheckDto {
  @IsIn(CHECK_CORRECTABLE_FIELDS)
  field!: CheckCorrectableField;

  /** The right value: an instant with its zone for performedAt; not in the future. */
  @IsInstant()
  value!: string;

  /** What was wrong, for whoever reads the history. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  reason!: string;
}
