import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const SCRIPT = resolve(__dirname, 'oidc-provider.mjs');

export type PrivateJwk = JsonWebKey & { kty: string; kid: string; alg: 'RS256'; use: 'sig' };

/** A fresh RSA signing key, as the private JWK a provider publishes the public half of. */
export function signingKey(kid: string): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kty: 'RSA', kid, alg: 'RS256', use: 'sig' };
}

export interface ProviderSettings {
  keys: PrivateJwk[];
  audiences: string[];
  /** Each client id and the role its access tokens claim (null: no role claim). */
  clients: Record<string, string | null>;
  accessTokenTtl: number;
  /** A public client for a web app (authorization code with PKCE), and the logins its users sign in with, with their role. */
  webClient?: { clientId: string; redirectUris?: string[]; users: Record<string, string> };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/**
 * A real OpenID Connect provider (oidc-provider, ESM-only) in a child
 * process on a port of its own, issuing signed JWT access tokens by the
 * client credentials grant with resource indicators.
 */
export class TestOidcProvider {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number, private settings: ProviderSettings) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(settings: ProviderSettings): Promise<TestOidcProvider> {
    const provider = new TestOidcProvider(await freePort(), settings);
    await provider.run();
    return provider;
  }

  private run(): Promise<void> {
    const child = spawn(process.execPath, [SCRIPT], {
      env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify({ ...this.settings, port: this.port, issuer: this.issuer }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    return new Promise((done, fail) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`ready ${this.issuer}`)) done();
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => fail(new Error(`the OIDC provider stopped (${code}): ${output}`)));
    });
  }

  /** Restarts the provider on the same issuer with other keys: the first one signs from now on. */
  async rotateKeys(keys: PrivateJwk[]): Promise<void> {
    await this.close();
    this.settings = { ...this.settings, keys };
    await this.run();
  }

  /** Registers where the web client may be sent back to after sign-in (a restart: clients are fixed at start). */
  async allowRedirect(uri: string): Promise<void> {
    if (!this.settings.webClient) throw new Error('the provider has no web client');
    await this.close();
    this.settings = { ...this.settings, webClient: { ...this.settings.webClient, redirectUris: [uri] } };
    await this.run();
  }

  /** An access token for `clientId`, for the given audience (resource indicator, RFC 8707). */
  async accessToken(clientId: string, audience = this.settings.audiences[0]): Promise<string> {
    const answer = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:secret-${clientId}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: audience, scope: 'api' }),
    });
    const body = (await answer.json()) as { access_token?: string };
    if (!answer.ok || !body.access_token) throw new Error(`the provider refused a token for ${clientId}: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    child.removeAllListeners('exit');
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
}
