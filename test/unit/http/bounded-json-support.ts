import { JsonBounds } from '../../../src/http/bounded-json';

/** True when the chunks, scanned in order, stay within the bounds. */
export function isWellBounded(chunks: string[]): boolean {
  const bounds = new JsonBounds();
  try {
    for (const chunk of chunks) bounds.scan(Buffer.from(chunk));
    return true;
  } catch {
    return false;
  }
}
