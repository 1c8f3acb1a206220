import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCertificationScope, IsInstant, NotBlank } from '../shared/validators';
import { ACCESS_EFFECTS, DECISIONS, RISKS, type AccessEffect, type Decision, type Risk } from './changes.events';

/** Free text that says something: not empty, not only spaces. */

export class ReceiveChangeDto {
  /** Where the release comes from: the publisher's channel or advisory feed, e.g. `hyperscaler-security-bulletin`. */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  source!: string;

  /** The publisher's release identifier, e.g. `2026.11.3`. */
  @IsString()
  @Length(1, 200)
  @NotBlank()
  release!: string;

  @IsString()
  @Length(1, 4000)
  @NotBlank()
  description!: string;

  /** When the release reached the operator. */
  @IsInstant()
  receivedAt!: string;

  /**
   * The certifications this concerns; left out, it concerns the whole provider and appears in every
   * certification's dossier.
   */
  @IsCertificationScope()
  certificationIds?: string[];
}

/** A technical access path the release adds or changes (19.6.c–d). */
export class ReviewedAccessPathDto {
  @IsIn(ACCESS_EFFECTS)
  effect!: AccessEffect;

  /** Who gains or keeps the path: the upstream vendor's update channel, its support. */
  @IsString()
  @Length(1, 300)
  @NotBlank()
  party!: string;

  /** Country whose law the party is subject to: ISO 3166-1 alpha-2. */
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 country code such as US' })
  jurisdiction!: string;

  /** The path's id in the access register (POST /sovereignty/access), when it is recorded there. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accessId?: string;
}

export class ReviewChangeDto {
  @IsIn(DECISIONS)
  decision!: Decision;

  @IsIn(RISKS)
  risk!: Risk;

  /** Not before the reception, nor before an emergency deployment it reviews afterwards. */
  @IsInstant()
  reviewedAt!: string;

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  notes?: string;

  /** Whether the release adds or changes a technical access path; leave it out when it touches none. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReviewedAccessPathDto)
  accessPath?: ReviewedAccessPathDto;
}

export class EmergencyDto {
  /** Why the deployment cannot wait for the review (e.g. an actively exploited vulnerability). */
  @IsString()
  @Length(1, 4000)
  @NotBlank()
  justification!: string;
}

export class DeployChangeDto {
  @IsInstant()
  deployedAt!: string;

  /** The platform environment, e.g. `production` or `preproduction`. */
  @IsString()
  @Length(1, 100)
  @NotBlank()
  environment!: string;

  /** Present for a deployment under the emergency procedure; before any review it is recorded as an exception. */
  @IsOptional()
  @ValidateNested()
  @Type(() => EmergencyDto)
  emergency?: EmergencyDto;
}
