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
 * Refuses a JSON text that nests deeper than MAX_JSON_DEPTH or holds more
 * than MAX_JSON_ELEMENTS values, in one pass over its characters that stops
 * at the first limit crossed: a hostile body costs a scan, never a parse
 * or a validation (whose recursion a deep body would overflow).
 * Malformed JSON is left for the parser to name.
 */
export function checkJsonBounds(text: string): void {
  let depth = 0;
  let elements = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > MAX_JSON_DEPTH) throw new DomainError('validation', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, { limit: 'depth', maxDepth: MAX_JSON_DEPTH });
      elements++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COMMA && ++elements > MAX_JSON_ELEMENTS) {
      throw new DomainError('too_large', `the body holds more than ${MAX_JSON_ELEMENTS} values`, { limit: 'elements', maxElements: MAX_JSON_ELEMENTS });
    }
  }
}

/** The problem for a string that cannot be recorded as UTF-8. */
export const lonelySurrogate = (field: string) => invalid(field, 'holds a lone UTF-16 surrogate (\\ud800-\\udfff without its pair), which has no UTF-8 form');
