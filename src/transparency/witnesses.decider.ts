import { createPublicKey } from 'node:crypto';
import type { Decider } from '../shared/decider';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { checkCosignature, parseCheckpointText } from './checkpoint';
import { checkKeyName, COSIGNATURE_ALG, formatSignature, NoteError, parseNote, parseVerifierKey, verifierKey } from './note';
import type { WitnessEvent } from './witnesses.events';

export type WitnessCommand =
  | { kind: 'RegisterWitness'; name: string; publicKeyPem: string }
  /** `checkpointText`: the text of the log's checkpoint of that size, as the log signed it. */
  | { kind: 'RecordCosignature'; cosignature: string; treeSize: number; checkpointText: string };

export interface WitnessState {
  /** Verifier key of each registered witness, by name. */
  witnesses: Record<string, string>;
}

function witnessVerifierKey(name: string, pem: string): string {
  try {
    checkKeyName(name);
  } catch (error) {
    throw invalid('name', (error as Error).message);
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
    return verifierKey(name, key, COSIGNATURE_ALG);
  } catch (error) {
    throw invalid('publicKey', `must be an Ed25519 public key in PEM (${(error as Error).message})`);
  }
}

export const witnessDecider: Decider<WitnessCommand, WitnessEvent, WitnessState> = {
  initialState: { witnesses: {} },

  evolve(state, event) {
    switch (event.type) {
      case 'WitnessRegistered':
        return { witnesses: { ...state.witnesses, [event.data.name]: event.data.verifierKey } };
      case 'CheckpointCosigned':
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'RegisterWitness': {
        const vkey = witnessVerifierKey(command.name, command.publicKeyPem);
        const known = state.witnesses[command.name];
        if (known === vkey) return [];
        if (known) throw ruleBroken(`witness ${command.name} is already registered with another key`, { field: 'name' });
        return [{ type: 'WitnessRegistered', data: { name: command.name, verifierKey: vkey } }];
      }
      case 'RecordCosignature':
        return [{ type: 'CheckpointCosigned', data: cosigned(command, state) }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

function cosigned(command: Extract<WitnessCommand, { kind: 'RecordCosignature' }>, state: WitnessState) {
  let signature;
  try {
    [signature] = parseNote(`x\n\n${command.cosignature.trimEnd()}\n`).signatures;
  } catch (error) {
    throw invalid('cosignature', error instanceof NoteError ? error.message : 'must be one C2SP signature line');
  }
  const vkey = state.witnesses[signature.name];
  if (!vkey) throw notFound(`no witness named ${signature.name} is registered`, { field: 'cosignature' });
  const time = checkCosignature(command.checkpointText, signature, parseVerifierKey(vkey));
  if (typeof time === 'string') throw invalid('cosignature', `${time} over the checkpoint of size ${command.treeSize}`);
  const { rootHash } = parseCheckpointText(command.checkpointText);
  return { witness: signature.name, treeSize: command.treeSize, rootHash: rootHash.toString('base64'), timestamp: time, cosignature: formatSignature(signature) };
}
