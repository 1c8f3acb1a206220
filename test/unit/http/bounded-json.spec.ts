import { JsonBounds, MAX_JSON_DEPTH, MAX_JSON_ELEMENTS } from '../../../src/http/bounded-json';
import { isWellBounded } from './bounded-json-support';

describe('JSON bounds, checked on the bytes as they arrive', () => {
  it('accepts the bodies the API takes', () => {
    expect(isWellBounded(['{"title":"Launch","evidence":["a","b"],"emergency":{"justification":"x"}}'])).toBe(true);
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH}, even split across chunks`, () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(isWellBounded([deep.slice(0, 5), deep.slice(5)])).toBe(false);
    expect(isWellBounded([`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`])).toBe(true);
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    const text = `{"title":"${'[{,'.repeat(MAX_JSON_ELEMENTS)}\\"[[["}`;
    expect(isWellBounded([text.slice(0, 7), text.slice(7)])).toBe(true);
  });

  it('keeps an escape that ends one chunk for the next', () => {
    expect(isWellBounded(['{"t":"a\\', '"[[[[[[[[[[[[[[[[[[[[[[[["}'])).toBe(true);
  });

  it(`refuses more than ${MAX_JSON_ELEMENTS} values`, () => {
    expect(isWellBounded([`[${Array(MAX_JSON_ELEMENTS + 2).fill(1).join(',')}]`])).toBe(false);
    expect(isWellBounded([`[${Array(MAX_JSON_ELEMENTS - 1).fill(1).join(',')}]`])).toBe(true);
  });

  it('names the limit crossed', () => {
    expect(() => new JsonBounds().scan(Buffer.from('['.repeat(MAX_JSON_DEPTH + 1)))).toThrow(`deeper than ${MAX_JSON_DEPTH} levels`);
  });
});
