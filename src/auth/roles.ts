import { SetMetadata, applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

/** `metrics` is for a Prometheus scraper: /metrics and nothing else. */
export const ROLES = ['admin', 'compliance', 'auditor', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

/** Who is behind a request, as the guard found it. */
export interface Principal {
  subject: string;
  role: Role;
  tokenId: string;
  /** The engagement an auditor's token is bound to, if any. */
  engagementId?: string | null;
}

export const ROLES_KEY = 'confiance:roles';
export const PUBLIC_KEY = 'confiance:public';

/** The roles that may call a route; admin may always. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Compliance staff record; auditors only read. */
export const Records = () => Roles('compliance');
export const Reads = () => Roles('compliance', 'auditor');
export const AdminOnly = () => Roles();
/** Prometheus scrapers (and admins) only: metrics reveal activity, not for auditors. */
export const Scrapes = () => Roles('metrics');
/** Route config of public routes, for the HTTP layer's checks that run before Nest's guards. */
export const PUBLIC_ROUTE = { public: true } as const;
/** Open to anyone, such as /health for load balancers. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), RouteConfig(PUBLIC_ROUTE));
