import * as asn1js from 'asn1js';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { AlgorithmIdentifier, CryptoEngine, MessageImprint, PKIStatus, setEngine, TimeStampReq, TimeStampResp, TSTInfo, SignedData, ContentInfo } from 'pkijs';

/** SHA-256 (RFC 5754 / NIST OID): the only imprint algorithm the log asks for and accepts. */
export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
/** id-ct-TSTInfo, RFC 3161 §2.4.2: the content type of a time-stamp token's SignedData. */
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

// pkijs does its cryptography through WebCrypto: Node's own, named once for the whole process.
setEngine('node', new CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof CryptoEngine>[0]['crypto'] }));

/**
 * What a time-stamping authority is asked to stamp for a checkpoint: the
 * SHA-256 of the signed note exactly as the log issued it (the checkpoint
 * text, the empty line and the log's signature line, UTF-8), without any
 * witness cosignature, which arrive later and vary.
 */
export const checkpointImprint = (note: string): Buffer => createHash('sha256').update(note, 'utf8').digest();

export class TimestampError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimestampError';
  }
}

export interface TimestampQuery {
  /** DER TimeStampReq, to POST as application/timestamp-query. */
  der: Buffer;
  imprint: Buffer;
  nonce: Buffer;
}

/** An RFC 3161 TimeStampReq for `imprint`, asking for the TSA's certificate and carrying a fresh nonce. */
export function timestampQuery(imprint: Buffer): TimestampQuery {
  // A positive INTEGER: the high bit of the first byte clear, and not zero there so DER keeps all 8 bytes.
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01;
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return { der: Buffer.from(request.toSchema().toBER(false)), imprint, nonce };
}

export interface OpenedToken {
  signedData: SignedData;
  tstInfo: TSTInfo;
}

/** Parses a DER TimeStampToken (CMS ContentInfo of SignedData over a TSTInfo); throws TimestampError naming what is wrong. */
export function openToken(token: Buffer): OpenedToken {
  try {
    const contentInfo = ContentInfo.fromBER(new Uint8Array(token));
    if (contentInfo.contentType !== ContentInfo.SIGNED_DATA) throw new TimestampError('the token is not CMS SignedData');
    const signedData = new SignedData({ schema: contentInfo.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== TST_INFO_OID || !eContent) throw new TimestampError('the token does not sign a TSTInfo');
    return { signedData, tstInfo: TSTInfo.fromBER(eContent.getValue()) };
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw new TimestampError(`the token is not a DER RFC 3161 time-stamp token (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Why the token's TSTInfo does not stamp `imprint` with SHA-256, or null. */
export function imprintProblem(tstInfo: TSTInfo, imprint: Buffer): string | null {
  const { hashAlgorithm, hashedMessage } = tstInfo.messageImprint;
  if (hashAlgorithm.algorithmId !== SHA256_OID) return `the token stamps a ${hashAlgorithm.algorithmId} digest, not SHA-256`;
  const stamped = Buffer.from(hashedMessage.getValue());
  return stamped.equals(imprint) ? null : `the token stamps digest ${stamped.toString('hex')}, not this checkpoint's ${imprint.toString('hex')}: it is the token of another checkpoint`;
}

/**
 * The token out of a TSA's DER TimeStampResp to `query`: refused unless the
 * TSA granted it, for this imprint and this nonce.
 */
export function tokenFromResponse(response: Buffer, query: TimestampQuery): Buffer {
  let parsed: TimeStampResp;
  try {
    parsed = TimeStampResp.fromBER(new Uint8Array(response));
  } catch (error) {
    throw new TimestampError(`the TSA's answer is not a DER TimeStampResp (${error instanceof Error ? error.message : String(error)})`);
  }
  const { status, statusStrings } = parsed.status;
  if (status !== PKIStatus.granted && status !== PKIStatus.grantedWithMods) {
    const why = statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimestampError(`the TSA refused the request (PKIStatus ${status}${why ? `: ${why}` : ''})`);
  }
  if (!parsed.timeStampToken) throw new TimestampError('the TSA granted the request but sent no token');
  const token = Buffer.from(parsed.timeStampToken.toSchema().toBER(false));
  const { tstInfo } = openToken(token);
  const problem = imprintProblem(tstInfo, query.imprint);
  if (problem) throw new TimestampError(problem);
  const nonce = tstInfo.nonce ? Buffer.from(tstInfo.nonce.valueBlock.valueHexView) : null;
  if (!nonce?.equals(query.nonce)) throw new TimestampError('the TSA answered with another nonce: the answer is not to this request');
  return token;
}
