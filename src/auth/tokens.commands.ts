import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_EXPIRY_DAYS, DEFAULT_GRACE_HOURS, MAX_EXPIRY_DAYS, MAX_GRACE_HOURS } from './token-life';

export class RotateTokenDto {
  /** Hours the old secret keeps working, so clients can switch over; 0 ends it at once. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_HOURS)
  graceHours: number = DEFAULT_GRACE_HOURS;

  /** Days until the new secret expires. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_EXPIRY_DAYS)
  expiresInDays: number = DEFAULT_EXPIRY_DAYS;
}
