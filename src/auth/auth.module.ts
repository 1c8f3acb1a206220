import { Module } from '@nestjs/common';
import { TokensController } from './tokens.controller';

/** Access administration: tokens (the guard itself is installed by the command side). */
@Module({ controllers: [TokensController] })
export class AuthModule {}
