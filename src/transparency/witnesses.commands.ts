import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Min } from 'class-validator';

export class RegisterWitnessDto {
  /** The witness's key name, such as auditor.example/witness: no spaces, no "+". */
  @IsString()
  @Length(1, 200)
  name!: string;

  /** Its Ed25519 public key, PEM (SPKI). */
  @IsString()
  @Length(1, 2000)
  publicKey!: string;
}

export class RecordCosignatureDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize!: number;

  /** One C2SP tlog-cosignature/v1 line: `— <name> base64(key id ‖ timestamp ‖ signature)`. */
  @IsString()
  @Length(1, 1000)
  cosignature!: string;
}
