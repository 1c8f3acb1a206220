import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../shared/validators';
import { GrantControlRightDto, RecordHoldingDto } from './sovereignty.commands';
import { RecordAccessPathDto, RecordLocationDto } from './sovereignty-register.commands';

/** An optional list of up to 50 planned facts, each validated as the command that would record it. */
const PlannedFacts = (dto: new () => object) =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(50), ValidateNested({ each: true }), Type(() => dto));

/**
 * A planned operation: the facts it would record, each from its date (future
 * dates allowed). At least one fact, in any of the lists.
 */
export class SimulateDto {
  /** Holdings as they would stand after the operation (a capital increase, a transfer of shares). */
  @PlannedFacts(RecordHoldingDto)
  changes?: RecordHoldingDto[];

  /** Control rights it would grant (a new shareholder agreement, a change of statutes). */
  @PlannedFacts(GrantControlRightDto)
  controlRights?: GrantControlRightDto[];

  /** Technical access paths it would open (19.6.c–d). */
  @PlannedFacts(RecordAccessPathDto)
  access?: RecordAccessPathDto[];

  /** Data locations or support centres it would add (19.2). */
  @PlannedFacts(RecordLocationDto)
  locations?: RecordLocationDto[];

  /** The business date evaluated; the latest date of the planned facts when left out. */
  @IsOptional()
  @IsCalendarDate()
  validAt?: string;
}
