import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Public, Reads, ROLES } from '../auth/roles';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../shared/core.module';
import { ApiItem, ApiOpen } from '../openapi/operations';
import { boolean, component, nullable, object, oneOf, text } from '../openapi/schema';

export interface WebConfig {
  oidc: { issuer: string; clientId: string; audience: string } | null;
}

export interface WebSession {
  subject: string;
  role: (typeof ROLES)[number];
  records: boolean;
}

const WebConfigSchema = component(
  'WebConfig',
  object({
    oidc: nullable(
      object({
        issuer: text('The provider to sign in with: its discovery document is at {issuer}/.well-known/openid-configuration'),
        clientId: text("The web app's public client id at the provider (authorization code with PKCE)"),
        audience: text('The audience the access token must be issued for (sent as the RFC 8707 resource)'),
      }),
    ),
  }),
);

const WebSessionSchema = component(
  'WebSession',
  object({
    subject: text('The caller, as the actor of the events it records'),
    role: oneOf(ROLES),
    records: boolean('Whether this caller may record (compliance staff and admins): the app shows its forms only then'),
  }),
);

/** What the web app needs to know before and after sign-in; nothing here is secret. */
@ApiTags('web app')
@Controller('web')
export class WebController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Open: the sign-in page reads it before anyone is signed in. */
  @ApiOpen()
  @ApiItem('How the web app signs in', WebConfigSchema, { description: 'The identity provider for single sign-on, or null when only bearer tokens sign in' })
  @Get('config')
  @Public()
  @SkipThrottle()
  webConfig(): WebConfig {
    const oidc = this.config.oidc;
    return { oidc: oidc?.webClientId ? { issuer: oidc.issuer, clientId: oidc.webClientId, audience: oidc.audience } : null };
  }

  @ApiItem('Who is signed in', WebSessionSchema, { description: 'The caller of this token and what it may do' })
  @Get('session')
  @Reads()
  session(@Req() request: AuthenticatedRequest): WebSession {
    const { subject, role } = request.principal!;
    return { subject, role, records: role === 'admin' || role === 'compliance' };
  }
}
