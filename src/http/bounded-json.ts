import { Transform } from 'node:stream';
import { DomainError, invalid } from '../shared/errors';

/** How deep a JSON body may nest: the API's bodies nest three levels at most. */
export const MAX_JSON_DEPTH = 16;
/** How many values (members and array items, at every level) one JSON body may hold. */
export const MAX_JSON_ELEMENTS = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * Refuses a JSON body that nests deeper than MAX_JSON_DEPTH or holds more
 * than MAX_JSON_ELEMENTS values, scanning its bytes as they arrive and
 * stopping at the first limit crossed: a hostile body costs a scan of its
 * first bytes, never a parse or a validation (whose recursion a deep body
 * would overflow). Bytes, not characters, are enough: the quote, backslash,
 * brackets and comma are ASCII, which never occurs inside a UTF-8 sequence.
 * Malformed JSON is left for the parser to name.
 */
export class JsonBounds {
  private depth = 0;
  private elements = 0;
  private inString = false;
  private escaped = false;

  scan(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (++this.depth > MAX_JSON_DEPTH) throw new DomainError('validation', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, { limit: 'depth', maxDepth: MAX_JSON_DEPTH });
        this.elements++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) this.depth--;
      else if (c === COMMA && ++this.elements > MAX_JSON_ELEMENTS) {
        throw new DomainError('too_large', `the body holds more than ${MAX_JSON_ELEMENTS} values`, { limit: 'elements', maxElements: MAX_JSON_ELEMENTS });
      }
    }
  }
}

/** A pass-through stream that refuses, as an error, a body crossing the bounds. */
export function boundedJsonStream(): Transform {
  const bounds = new JsonBounds();
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        bounds.scan(chunk);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** The problem for a string that cannot be recorded as UTF-8. */
export const lonelySurrogate = (field: string) => invalid(field, 'holds a lone UTF-16 surrogate (\\ud800-\\udfff without its pair), which has no UTF-8 form');
