import { NotBlank } from '../shared/validators';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';

export const SUBJECT_PATTERN = /^[A-Za-z0-9][\w.@-]{0,99}$/;

export class RegisterPersonDto {
  /** A stable id for the person, used as `actor` in events; never their name. */
  @Matches(SUBJECT_PATTERN, { message: 'subject must be 1 to 100 letters, digits, or . _ @ -, starting with a letter or digit' })
  subject!: string;

  @IsString()
  @Length(1, 200)
  @NotBlank()
  displayName!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  organisation?: string;
}
