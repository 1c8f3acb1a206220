import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, NotBlank } from '../shared/validators';
import { STEPS, type Step } from './certifications.events';

export class FileApplicationDto {
  /** The label sought, e.g. "SecNumCloud" or "Cloud de confiance". */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  label!: string;

  /** A catalog id such as secnumcloud-3.2 (GET /frameworks). */
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: 'framework must be a catalog id such as secnumcloud-3.2' })
  framework!: string;

  /** The cloud service in scope. */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  service!: string;

  /** The evaluation centre (CESTI). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  evaluator?: string;

  /** The day the application was filed, for an application recorded after the fact; today when left out. */
  @IsOptional()
  @IsCalendarDate()
  filedOn?: string;

  /** Days after which a requirement's latest check is due for review (365 when left out). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3660)
  reviewIntervalDays?: number;
}

export class RecordStepDto {
  @IsIn(STEPS)
  step!: Step;

  @IsCalendarDate()
  on!: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}

export class GrantDto {
  @IsCalendarDate()
  grantedOn!: string;

  @IsCalendarDate()
  validUntil!: string;
}

export class DatedReasonDto {
  @IsCalendarDate()
  on!: string;

  @IsString()
  @Length(1, 2000)
  @NotBlank()
  reason!: string;
}

export class RenewDto {
  @IsCalendarDate()
  on!: string;

  @IsCalendarDate()
  validUntil!: string;
}
