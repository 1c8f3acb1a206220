import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { IsCalendarDate, NotBlank } from '../shared/validators';
import { CONTROL_RIGHT_KINDS, type ControlRightKind } from './sovereignty.events';

/** Free text that says something: not empty, not only spaces. */
/** Entity ids are chosen by the user, as they are cited in every holding: `joint-company`, `us-partner`. */
const IsEntityId = () => Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/, { message: '$property must be an entity id: lowercase letters, digits, . _ -, at most 100' });
/** Upper-case ISO 3166-1 alpha-2; whether the code exists is checked against the list of countries. */
export const IsCountryCode = () => Matches(/^[A-Z]{2}$/, { message: '$property must be an ISO 3166-1 alpha-2 country code such as FR' });
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
