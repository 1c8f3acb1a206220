import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { FastifyReply } from 'fastify';
import helmet from 'helmet';
import type { OidcConfig } from '../auth/oidc-config';
import { projectRoot } from '../shared/project-root';

/** The built web app (web/dist), or null when it was not built. */
export function webAppRoot(): string | null {
  const dist = resolve(projectRoot(), 'web/dist');
  return existsSync(resolve(dist, 'index.html')) ? dist : null;
}

// No upgrade-insecure-requests: every resource is same-origin, and on a plain-HTTP address of an isolated
// network (http://10.0.0.5:3000) the upgrade would send the app's own script to an HTTPS port that is not there.
const STRICT = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * Security headers. One strict Content-Security-Policy for the web app and the
 * API (scripts and styles from this origin only, nothing inline); Swagger UI
 * under /docs keeps inline styles, which its page carries in a <style> block.
 */
export function securityHeaders(app: NestFastifyApplication, oidc: OidcConfig | null = null): void {
  // Single sign-on: the app reads the provider's discovery document and exchanges the code at its token endpoint.
  const connectSrc = oidc?.webClientId ? ["'self'", new URL(oidc.issuer).origin] : STRICT.connectSrc;
  const strict = helmet({ contentSecurityPolicy: { directives: { ...STRICT, connectSrc } } });
  const docs = helmet({ contentSecurityPolicy: { directives: { ...STRICT, styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'self'"] } } });
  // Helmet's middleware is built once: the Fastify plugin rebuilds it at every request, a twentieth of a request's time.
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    const headers = request.url === '/docs' || request.url.startsWith('/docs/') ? docs : strict;
    headers(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}

/**
 * Serves the web app at `/` when it was built: index.html is never cached
 * (it names the current bundle), the hashed files under assets/ forever.
 * Only the files found at start-up get routes, so unknown paths stay the API's 404.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<void> {
  const root = webAppRoot();
  if (root === null) return;
  const options: FastifyStaticOptions = {
    root,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    // @fastify/static hands the Fastify reply to setHeaders (its typings still name a Node response).
    setHeaders: ((reply: FastifyReply, path: string) =>
      void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')) as never,
  };
  await app.register(fastifyStatic as never, options);
}
