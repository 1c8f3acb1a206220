import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = Test TSA Root
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_tsa]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_not_tsa]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./ca.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

/**
 * A real RFC 3161 time-stamping authority for tests: a root CA and a TSA
 * certificate (extendedKeyUsage critical timeStamping) made by OpenSSL in a
 * temporary directory, and `openssl ts -reply` answering each query.
 */
export interface OpensslTsa {
  dir: string;
  /** The root certificate an auditor trusts (PEM). */
  caPem: string;
  /** The TSA's own certificate (PEM). */
  tsaPem: string;
  /** A self-signed certificate of nobody in particular (PEM), to trust by mistake. */
  otherPem: string;
  /** `openssl ts -reply` to a DER TimeStampReq: the DER TimeStampResp. */
  reply(query: Buffer): Promise<Buffer>;
  /** Serves POST application/timestamp-query over HTTP on 127.0.0.1. */
  serve(): Promise<ServedTsa>;
  remove(): void;
}

export interface ServedTsa {
  url: string;
  /** Requests answered so far. */
  requests: () => number;
  /** The TSA goes down: connections to its port are refused until `start`. */
  stop: () => Promise<void>;
  /** Up again, on the same port. */
  start: () => Promise<void>;
  close: () => Promise<void>;
}

export async function createOpensslTsa(): Promise<OpensslTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'confiance-tsa-'));
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  writeFileSync(join(dir, 'tsa.cnf'), CONFIG);
  writeFileSync(join(dir, 'serial'), '01\n');
  await openssl('req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-config', 'tsa.cnf', '-extensions', 'v3_ca');
  await openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/O=Confiance Tests/CN=Test Time-Stamping Authority');
  await openssl('x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.pem', '-days', '2', '-extfile', 'tsa.cnf', '-extensions', 'v3_tsa');
  await openssl('req', '-x509', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Someone Else');
  let sequence = 0;
  const reply = async (query: Buffer) => {
    const name = `q${(sequence += 1)}`;
    writeFileSync(join(dir, `${name}.tsq`), query);
    await openssl('ts', '-reply', '-config', 'tsa.cnf', '-queryfile', `${name}.tsq`, '-out', `${name}.tsr`);
    return readFileSync(join(dir, `${name}.tsr`));
  };
  return {
    dir,
    caPem: join(dir, 'ca.pem'),
    tsaPem: join(dir, 'tsa.pem'),
    otherPem: join(dir, 'other.pem'),
    reply,
    serve: async () => {
      let requests = 0;
      const server: Server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          requests += 1;
          if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') {
            response.writeHead(415).end();
            return;
          }
          reply(Buffer.concat(chunks)).then(
            (answer) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(answer),
            (error: Error) => response.writeHead(500).end(error.message),
          );
        });
      });
      const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const stop = () =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeAllConnections();
        });
      await listen(0);
      const port = (server.address() as AddressInfo).port;
      return { url: `http://127.0.0.1:${port}/tsa`, requests: () => requests, stop, start: () => listen(port), close: stop };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
