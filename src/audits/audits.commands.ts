import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsSha256, NotBlank } from '../shared/validators';
import { AUDIT_KINDS, FINDING_CORRECTABLE_FIELDS, RESOLUTIONS, SEVERITIES, VERDICTS, type AuditKind, type FindingCorrectableField, type Resolution, type Severity, type Verdict } from './audits.events';

/** Free text that says something: not empty, not only spaces. */

export class PlanAuditDto {
  @IsString()
  @Length(1, 200)
  certificationId!: string;

  @IsIn(AUDIT_KINDS)
  kind!: AuditKind;

  /** The auditor's subject id (see POST /people) or organisation; e-mail addresses are personal data and stay out of the log. */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  @Matches(/^[^@]*$/, { message: 'auditor must be a subject id or an organisation, not an e-mail address' })
  auditor!: string;

  @IsCalendarDate()
  plannedStart!: string;

  /** On or after plannedStart. */
  @IsCalendarDate()
  plannedEnd!: string;

  /** The day the audit was planned (agreed with the auditor): it exists from then on in business time. Not in the future nor after plannedStart; today, or plannedStart if earlier, when left out. */
  @IsOptional()
  @IsCalendarDate()
  plannedOn?: string;
}

export class StartAuditDto {
  @IsCalendarDate()
  on!: string;
}

export class RaiseFindingDto {
  @IsIn(SEVERITIES)
  severity!: Severity;

  /** A requirement ref of the certification's framework, such as 12.6.c. */
  @IsString()
  @Length(1, 50)
  requirement!: string;

  @IsString()
  @Length(1, 300)
  @NotBlank()
  title!: string;

  /** When the correction is due; on or after the day the finding was raised. */
  @IsCalendarDate()
  dueOn!: string;

  /** When the auditor raised it, for findings recorded after the fact; today (or the audit's start) when left out. */
  @IsOptional()
  @IsCalendarDate()
  raisedOn?: string;
}

export class RecordRemediationDto {
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  action!: string;

  /** The day the correction was made; not in the future, not before the finding was raised. */
  @IsCalendarDate()
  on!: string;

  /** SHA-256 digests of evidence files (POST /evidence) showing the correction. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsSha256({ each: true })
  evidence?: string[];
}

export class CloseFindingDto {
  @IsIn(RESOLUTIONS)
  resolution!: Resolution;

  /** Why the finding is closed; for risk_accepted, the explicit acceptance of the remaining risk. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  justification!: string;

  /** The day the finding was closed, for a closure recorded after the fact; today when left out. */
  @IsOptional()
  @IsCalendarDate()
  closedOn?: string;
}

export class CompleteAuditDto {
  @IsIn(VERDICTS)
  verdict!: Verdict;

  @IsCalendarDate()
  on!: string;

  /** SHA-256 digest of the audit report stored as evidence. */
  @IsOptional()
  @IsSha256()
  report?: string;
}

/** Sets right a business date a finding was recorded with. */
export class CorrectFindingDto {
  @IsIn(FINDING_CORRECTABLE_FIELDS)
  field!: FindingCorrectableField;

  /** The right date, such as 2023-06-21. */
  @IsCalendarDate()
  value!: string;

  /** What was wrong, for whoever reads the history. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  reason!: string;
}
