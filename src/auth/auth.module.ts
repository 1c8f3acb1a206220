import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config';
import { Clock } from '../shared/clock';
import { Authenticator } from './authenticator';
import { OidcVerifier } from './oidc-verifier';
import { TokenStore } from './token-store';
import { TokensController } from './tokens.controller';

/** Who may call: the authenticator (tokens of this service, OIDC access tokens) and token administration. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const verifier = config.oidc ? new OidcVerifier(config.oidc) : null;
    return {
      module: AuthModule,
      controllers: [TokensController],
      providers: [{ provide: Authenticator, inject: [TokenStore, Clock], useFactory: (tokens: TokenStore, clock: Clock) => new Authenticator(tokens, verifier, clock) }],
      exports: [Authenticator],
    };
  }
}
