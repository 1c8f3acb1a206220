import { Certificate, ExtKeyUsage, SignedDataVerifyError, type RelativeDistinguishedNames } from 'pkijs';
import { checkpointImprint, imprintProblem, openToken, TimestampError } from './timestamp-request';

/** id-kp-timeStamping, RFC 3161 §2.3: a TSA's certificate has this one extended key usage, critical. */
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU' };

export type TimestampCheck =
  | {
      ok: true;
      /** When the TSA says it saw the checkpoint (TSTInfo genTime). */
      genTime: Date;
      /** Subject of the certificate that signed the token. */
      tsa: string;
      serial: string;
      policy: string;
      /** True when the signer's certificate chains to a certificate the verifier supplied. */
      trusted: boolean;
    }
  | { ok: false; problem: string };

/** The certificates of a PEM file (any number of CERTIFICATE blocks), or of one DER certificate. */
export function readCertificates(file: Buffer): Certificate[] {
  const text = file.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s/g, ''), 'base64'));
  const ders = blocks.length > 0 ? blocks : [file];
  return ders.map((der) => {
    try {
      return Certificate.fromBER(new Uint8Array(der));
    } catch {
      throw new TimestampError('the TSA certificate file holds no PEM or DER X.509 certificate');
    }
  });
}

export const subjectOf = (name: RelativeDistinguishedNames) =>
  name.typesAndValues.map((tv) => `${NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ');

function usageProblem(signer: Certificate): string | null {
  const extension = signer.extensions?.find((e) => e.extnID === EXTENDED_KEY_USAGE);
  const usages = extension?.parsedValue instanceof ExtKeyUsage ? extension.parsedValue.keyPurposes : [];
  if (!extension || !extension.critical || usages.length !== 1 || usages[0] !== TIME_STAMPING) {
    return `the signer ${subjectOf(signer.subject)} is not a time-stamping authority (its certificate lacks the one critical extendedKeyUsage timeStamping, RFC 3161 §2.3)`;
  }
  return null;
}

/**
 * Checks an RFC 3161 token over a checkpoint: that it stamps the SHA-256 of
 * the signed note (`checkpointImprint`), that the CMS signature is valid,
 * that the signer is a time-stamping authority and, when `trusted` is not
 * empty, that its certificate chains to one of them at the stamp's time.
 */
export async function verifyTimestamp(token: Buffer, note: string, trusted: readonly Certificate[]): Promise<TimestampCheck> {
  try {
    const { signedData, tstInfo } = openToken(token);
    const imprint = checkpointImprint(note);
    const problem = imprintProblem(tstInfo, imprint);
    if (problem) return { ok: false, problem };
    const data = new Uint8Array(Buffer.from(note, 'utf8')).buffer;
    const result = await signedData.verify({ signer: 0, data, extendedMode: true });
    const signer = result.signerCertificate;
    if (!result.signatureVerified || !signer) return { ok: false, problem: 'the TSA signature over the token is invalid: the token was altered' };
    const usage = usageProblem(signer);
    if (usage) return { ok: false, problem: usage };
    const named = trusted.find((c) => Buffer.from(c.toSchema().toBER(false)).equals(Buffer.from(signer.toSchema().toBER(false))));
    if (named && (signer.notBefore.value > tstInfo.genTime || signer.notAfter.value < tstInfo.genTime)) {
      return { ok: false, problem: `the TSA certificate was not valid at the stamp's time ${tstInfo.genTime.toISOString()}` };
    }
    // The auditor may trust the TSA's own certificate, or a root it chains to (checked at the stamp's time).
    if (trusted.length > 0 && !named) await signedData.verify({ signer: 0, data, trustedCerts: [...trusted], checkChain: true, extendedMode: true });
    return {
      ok: true,
      genTime: tstInfo.genTime,
      tsa: subjectOf(signer.subject),
      serial: Buffer.from(tstInfo.serialNumber.valueBlock.valueHexView).toString('hex'),
      policy: tstInfo.policy,
      trusted: trusted.length > 0,
    };
  } catch (error) {
    if (error instanceof TimestampError) return { ok: false, problem: error.message };
    if (error instanceof SignedDataVerifyError) return { ok: false, problem: explain(error) };
    return { ok: false, problem: `the token cannot be checked (${error instanceof Error ? error.message : String(error)})` };
  }
}

function explain(error: SignedDataVerifyError): string {
  if (error.code === 5) return `the TSA certificate does not chain to the certificates supplied (${error.message})`;
  if (error.code === 3) return 'the token carries no certificate of its signer (the TSA was not asked for one)';
  return `the token does not verify: ${error.message}`;
}
