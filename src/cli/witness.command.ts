import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readVerifier } from '../transparency/log-key';
import { witnessRound, type WitnessLedger, type WitnessState } from '../transparency/witness';

interface WitnessOptions {
  url: string;
  logKey: string;
  witnessKey: string;
  name: string;
  state: string;
  token?: string;
  origin?: string;
}

/** The ledger as a witness sees it: three HTTP calls, nothing else. */
function httpLedger(url: string, token: string | undefined): WitnessLedger {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(path, url), { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    const body = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${body}`);
    return body;
  };
  return {
    checkpoint: () => call('/transparency/checkpoint'),
    consistency: async (from, to) => (JSON.parse(await call(`/transparency/consistency?from=${from}&to=${to}`)) as { hashes: string[] }).hashes,
    postCosignature: async (treeSize, line) => {
      await call('/transparency/cosignatures', { method: 'POST', body: JSON.stringify({ treeSize, cosignature: line }), headers: { 'content-type': 'application/json' } });
    },
  };
}

export function registerWitness(program: Command): void {
  program
    .command('witness')
    .description("cosign the ledger's latest checkpoint if it extends the one this witness holds; exit 1 naming the size otherwise")
    .requiredOption('--url <url>', "the ledger's base URL")
    .requiredOption('--log-key <file>', "the log's public key: PEM file, or a file holding its C2SP verifier key")
    .requiredOption('--witness-key <file>', "this witness's Ed25519 private key (PKCS#8 PEM)")
    .requiredOption('--name <name>', 'the name this witness was registered under')
    .requiredOption('--state <file>', 'where the last cosigned checkpoint is kept between runs')
    .option('--origin <origin>', 'the log origin, when --log-key is a PEM file', 'confiance.local/log')
    .option('--token <token>', 'a bearer token of the ledger (any role); default $CONFIANCE_TOKEN')
    .action(async (options: WitnessOptions) => {
      const log = readVerifier(readFileSync(options.logKey, 'utf8'), options.origin ?? null);
      const privateKey = createPrivateKey(readFileSync(options.witnessKey));
      const held = existsSync(options.state) ? (JSON.parse(readFileSync(options.state, 'utf8')) as WitnessState) : null;
      const ledger = httpLedger(options.url, options.token ?? process.env.CONFIANCE_TOKEN);
      const { state } = await witnessRound(ledger, log, { name: options.name, privateKey }, held, new Date());
      writeFileSync(`${options.state}.partial`, JSON.stringify(state, null, 2));
      renameSync(`${options.state}.partial`, options.state);
      console.log(`cosigned checkpoint of size ${state.size}${held ? `, which extends size ${held.size}` : ''}`);
    });
}
