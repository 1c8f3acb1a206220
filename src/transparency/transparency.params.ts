import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class InclusionParams {
  @IsString()
  @MaxLength(200)
  eventId!: string;

  /** Defaults to the latest checkpoint's size. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize?: number;
}

export class ConsistencyParams {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from!: number;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  to!: number;
}

export class CheckpointsParams {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Only checkpoints of smaller trees: the `next` of the previous page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}

export class TimestampParams {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize!: number;
}
