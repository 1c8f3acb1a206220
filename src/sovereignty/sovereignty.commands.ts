import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../shared/validators';
import { ACCESS_PATHS, CONTROL_RIGHT_KINDS, LOCATION_KINDS, type AccessPath, type ControlRightKind, type LocationKind } from './sovereignty.events';

/** Free text that says something: not empty, not only spaces. */
const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });
/** Entity ids are chosen by the user, as they are cited in every holding: `joint-company`, `us-partner`. */
const IsEntityId = () => Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/, { message: '$property must be an entity id: lowercase letters, digits, . _ -, at most 100' });
/** Upper-case ISO 3166-1 alpha-2; whether the code exists is checked against the list of countries. */
const IsCountryCode = () => Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 country code such as FR' });
/** A percentage from 0 to 100 with at most four decimals (class-validator's own decimal count fails on numbers such as 5e-324). */
const hasFourDecimalsAtMost = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6;
const IsPercent = () => (target: object, property: string) => {
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  ValidateBy({ name: 'hasFourDecimalsAtMost', validator: { validate: hasFourDecimalsAtMost, defaultMessage: () => `${property} must have at most 4 decimals` } })(target, property);
  Min(0)(target, property);
  Max(100)(target, property);
};

export class RegisterEntityDto {
  @IsEntityId()
  entityId!: string;

  @IsString()
  @Length(1, 300)
  @NotBlank()
  name!: string;

  /** Country of the registered office. */
  @IsCountryCode()
  country!: string;

  /** Country of the central administration; the registered office's when left out. */
  @IsOptional()
  @IsCountryCode()
  centralAdministration?: string;

  /** Country of the main establishment; the registered office's when left out. */
  @IsOptional()
  @IsCountryCode()
  mainEstablishment?: string;

  /** The qualified provider itself: exactly one entity is. */
  @IsOptional()
  @IsBoolean()
  isProvider?: boolean;

  /** When it was created; no holding or right of it may be dated earlier. */
  @IsOptional()
  @IsCalendarDate()
  establishedOn?: string;
}

export class RelocateEntityDto {
  @IsCountryCode()
  country!: string;

  @IsOptional()
  @IsCountryCode()
  centralAdministration?: string;

  @IsOptional()
  @IsCountryCode()
  mainEstablishment?: string;

  @IsCalendarDate()
  on!: string;
}

export class RecordHoldingDto {
  @IsEntityId()
  holder!: string;

  @IsEntityId()
  of!: string;

  /** 0 with votingPercent 0 ends the holding from `on`. */
  @IsPercent()
  capitalPercent!: number;

  @IsPercent()
  votingPercent!: number;

  /** The business date from which the holding stands. */
  @IsCalendarDate()
  on!: string;
}

export class GrantControlRightDto {
  @IsEntityId()
  holder!: string;

  @IsEntityId()
  of!: string;

  @IsIn(CONTROL_RIGHT_KINDS)
  kind!: ControlRightKind;

  @IsCalendarDate()
  on!: string;

  /** The last day it applies, when the contract or statutes say. */
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  /** The shareholder agreement, statutes or contract clause that grants it. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @NotBlank()
  source?: string;
}

export class EndControlRightDto {
  /** The last day it applies. */
  @IsCalendarDate()
  on!: string;
}

export class RecordAccessPathDto {
  /** Who can reach data or operate: the upstream vendor's support, its update channel, a subcontractor. */
  @IsString()
  @Length(1, 300)
  @NotBlank()
  party!: string;

  /** Country whose law the party is subject to. */
  @IsCountryCode()
  jurisdiction!: string;

  @IsIn(ACCESS_PATHS)
  path!: AccessPath;

  /** It can technically reach customer data (19.6.c). */
  @IsBoolean()
  reachesData!: boolean;

  /** It can operate the service (19.6.d). */
  @IsBoolean()
  operates!: boolean;

  /** It is itself SecNumCloud-qualified for what it does. */
  @IsBoolean()
  qualified!: boolean;

  /** What stops it from acting without the provider (escrowed keys, an EU-run gateway, a four-eyes approval). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  @Matches(/\S/, { each: true, message: 'each value in blockingMeasures must not be blank' })
  blockingMeasures?: string[];

  @IsCalendarDate()
  from!: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class RecordLocationDto {
  @IsIn(LOCATION_KINDS)
  kind!: LocationKind;

  /** A data centre, a region, a support centre. */
  @IsString()
  @Length(1, 300)
  @NotBlank()
  name!: string;

  @IsCountryCode()
  country!: string;

  @IsCalendarDate()
  from!: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class SendNoticeDto {
  /** The obligation's id, as GET /sovereignty lists it under `notices`. */
  @IsString()
  @Length(1, 100)
  obligation!: string;

  @IsInstant()
  sentAt!: string;

  /** The notice's own reference, as customers received it. */
  @IsString()
  @Length(1, 300)
  @NotBlank()
  reference!: string;
}

export class WaiveNoticeDto {
  @IsString()
  @Length(1, 100)
  obligation!: string;

  /** Why customers need not be informed of this change. */
  @IsString()
  @Length(1, 2000)
  @NotBlank()
  reason!: string;
}

export class HoldingChangeDto extends RecordHoldingDto {}

export class SimulateDto {
  /** Holdings as they would stand after the planned operation, each from its date (future dates allowed). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HoldingChangeDto)
  changes!: HoldingChangeDto[];

  /** The business date evaluated; the latest date of the changes when left out. */
  @IsOptional()
  @IsCalendarDate()
  validAt?: string;
}
