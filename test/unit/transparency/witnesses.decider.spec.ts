import { createPublicKey } from 'node:crypto';
import { checkpointText, cosign } from '../../../src/transparency/checkpoint';
import { leafHash } from '../../../src/transparency/merkle';
import { COSIGNATURE_ALG, formatSignature, privateKeyFromSeed, verifierKey } from '../../../src/transparency/note';
import { witnessDecider } from '../../../src/transparency/witnesses.decider';
import type { WitnessEvent } from '../../../src/transparency/witnesses.events';
import { given } from '../../support/given-when-then';

const NAME = 'auditor.example/w1';
const key = privateKeyFromSeed(Buffer.alloc(32, 3));
const pem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
const registered: WitnessEvent = { type: 'WitnessRegistered', data: { name: NAME, verifierKey: verifierKey(NAME, createPublicKey(key), COSIGNATURE_ALG) } };
const root = leafHash(Buffer.from('tree'));
const text = checkpointText({ origin: 'ledger.example/log', size: 12, rootHash: root });
const line = formatSignature(cosign(text, NAME, key, 1_764_000_000));

describe('witnesses decider', () => {
  it('registers a witness under a cosignature verifier key, once per key', () => {
    given(witnessDecider).when({ kind: 'RegisterWitness', name: NAME, publicKeyPem: pem }).then([registered]);
    given(witnessDecider, [registered]).when({ kind: 'RegisterWitness', name: NAME, publicKeyPem: pem }).then([]);
  });

  it('refuses another key under a registered name, a name with spaces and a key that is not Ed25519', () => {
    const other = createPublicKey(privateKeyFromSeed(Buffer.alloc(32, 4))).export({ type: 'spki', format: 'pem' }).toString();
    given(witnessDecider, [registered]).when({ kind: 'RegisterWitness', name: NAME, publicKeyPem: other }).thenFails('rule_broken', /another key/);
    given(witnessDecider).when({ kind: 'RegisterWitness', name: 'my witness', publicKeyPem: pem }).thenFails('validation', /name/, 'name');
    given(witnessDecider).when({ kind: 'RegisterWitness', name: NAME, publicKeyPem: 'not a key' }).thenFails('validation', /Ed25519/, 'publicKey');
  });

  it('records a valid cosignature of a checkpoint by a registered witness', () => {
    given(witnessDecider, [registered])
      .when({ kind: 'RecordCosignature', cosignature: line, treeSize: 12, checkpointText: text })
      .then([{ type: 'CheckpointCosigned', data: { witness: NAME, treeSize: 12, rootHash: root.toString('base64'), timestamp: 1_764_000_000, cosignature: line } }]);
  });

  it('refuses a cosignature of an unknown witness, or over another checkpoint', () => {
    given(witnessDecider).when({ kind: 'RecordCosignature', cosignature: line, treeSize: 12, checkpointText: text }).thenFails('not_found', /no witness named/);
    const other = checkpointText({ origin: 'ledger.example/log', size: 13, rootHash: root });
    given(witnessDecider, [registered]).when({ kind: 'RecordCosignature', cosignature: line, treeSize: 13, checkpointText: other }).thenFails('validation', /invalid cosignature/, 'cosignature');
    given(witnessDecider, [registered]).when({ kind: 'RecordCosignature', cosignature: 'hello', treeSize: 12, checkpointText: text }).thenFails('validation', /signature line/, 'cosignature');
  });
});
