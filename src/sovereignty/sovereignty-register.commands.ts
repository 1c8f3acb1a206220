import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../shared/validators';
import { NotBlank } from '../shared/validators';
import { IsCountryCode } from './sovereignty.commands';
import { ACCESS_PATHS, LOCATION_KINDS, type AccessPath, type LocationKind } from './sovereignty.events';

/** The technical access register (19.6.c–d), locations (19.2) and the 19.6.f notices. */
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
