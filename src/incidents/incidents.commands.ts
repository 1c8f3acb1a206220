import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsInstant, IsSha256, NotBlank } from '../shared/validators';
import {
  INCIDENT_CORRECTABLE_FIELDS, INCIDENT_SEVERITIES, NOTIFICATION_KINDS, RECIPIENTS, type IncidentCorrectableField, type IncidentSeverity, type NotificationKind, type Recipient,
} from './incidents.events';

/** Free text that says something: not empty, not only spaces. */

export class DetectIncidentDto {
  /** The certified service it affects; left out when it concerns the whole platform. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  certificationId?: string;

  @IsString()
  @Length(1, 300)
  @NotBlank()
  title!: string;

  @IsIn(INCIDENT_SEVERITIES)
  severity!: IncidentSeverity;

  /** When the provider became aware of it: the regulatory clocks start here. */
  @IsInstant()
  detectedAt!: string;

  /** A personal-data breach under GDPR art. 4(12): the CNIL must be notified. */
  @IsBoolean()
  personalData!: boolean;

  /** A significant incident under NIS2 art. 23(3): ANSSI (the CSIRT) must be warned and notified. */
  @IsBoolean()
  significant!: boolean;
}

export class SendNotificationDto {
  @IsIn(RECIPIENTS)
  recipient!: Recipient;

  @IsIn(NOTIFICATION_KINDS)
  kind!: NotificationKind;

  @IsInstant()
  sentAt!: string;

  /** The recipient's case number or our letter's reference. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  reference?: string;
}

export class ContainIncidentDto {
  @IsInstant()
  at!: string;
}

export class ResolveIncidentDto {
  @IsInstant()
  at!: string;

  /** How it was resolved, in a few sentences; the post-mortem carries the detail. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  summary!: string;
}

export class AttachPostmortemDto {
  /** SHA-256 digest of the post-mortem stored with POST /evidence. */
  @IsSha256()
  evidence!: string;
}

/** Why a notification is not owed for this incident; the obligation is named in the path. */
export class WaiveNotificationDto {
  /** What makes the notification unnecessary, e.g. encrypted data whose key was never exposed. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  reason!: string;

  /** The provision that says so, e.g. GDPR art. 33(1). */
  @IsString()
  @Length(1, 300)
  @NotBlank()
  legalBasis!: string;
}

/** Sets right a business instant the incident was recorded with. */
export class CorrectIncidentDto {
  @IsIn(INCIDENT_CORRECTABLE_FIELDS)
  field!: IncidentCorrectableField;

  /** The right instant, with its zone; not in the future. */
  @IsInstant()
  value!: string;

  /** What was wrong, for whoever reads the history. */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  reason!: string;
}
