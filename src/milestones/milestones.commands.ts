import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate, IsCertificationScope, NotBlank } from '../shared/validators';
import { MILESTONE_KINDS, type MilestoneKind } from './milestones.events';

export class RecordMilestoneDto {
  @IsString()
  @Length(1, 300)
  @NotBlank()
  title!: string;

  @IsIn(MILESTONE_KINDS)
  kind!: MilestoneKind;

  /** At least one of plannedFor and occurredOn. */
  @IsOptional()
  @IsCalendarDate()
  plannedFor?: string;

  @IsOptional()
  @IsCalendarDate()
  occurredOn?: string;

  /** Where the fact comes from: a press release, a decree, a register entry. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @NotBlank()
  source?: string;

  /**
   * The certifications this concerns; left out, it concerns the whole provider and appears in every
   * certification's dossier.
   */
  @IsCertificationScope()
  certificationIds?: string[];
}

export class AchieveMilestoneDto {
  @IsCalendarDate()
  occurredOn!: string;
}

export class SlipMilestoneDto {
  @IsCalendarDate()
  plannedFor!: string;

  @IsString()
  @Length(1, 1000)
  @NotBlank()
  reason!: string;

  /** The day the slip was decided or announced, such as 2022-05-15; today when left out; not in the future, nor before the previous slip. */
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
