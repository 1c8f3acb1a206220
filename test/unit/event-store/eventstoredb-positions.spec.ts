import { decodePosition, encodeAllPosition, encodePosition } from '../../../src/event-store/eventstoredb/esdb-positions';

describe('EventStoreDB positions', () => {
  it('uses the prepare position, the log position of the event record', () => {
    expect(encodePosition({ commit: 4096n, prepare: 4096n }, 'e')).toBe('4096');
    // A stream read may report the write's transaction position as commit: the prepare position is the event's own.
    expect(encodePosition({ commit: 4096n, prepare: 4321n }, 'e')).toBe('4321');
  });

  it('refuses missing positions (servers before 22.6 do not return them on stream reads)', () => {
    expect(() => encodePosition(undefined, 'event a-1@0')).toThrow(/event a-1@0.*22\.6/);
    expect(() => encodePosition({ commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }, 'e')).toThrow(/no log position/);
  });

  it('refuses $all events of legacy multi-record transactions, which one number cannot resume', () => {
    expect(encodeAllPosition({ commit: 77n, prepare: 77n }, 'e')).toBe('77');
    expect(() => encodeAllPosition({ commit: 900n, prepare: 700n }, 'event x-1@2')).toThrow(/event x-1@2.*multi-record transaction/);
  });

  it('resumes reads from {commit: p, prepare: p}', () => {
    expect(decodePosition('123456789012345678')).toEqual({ commit: 123456789012345678n, prepare: 123456789012345678n });
    expect(decodePosition('0')).toEqual({ commit: 0n, prepare: 0n });
    for (const bad of ['', '-1', '1.5', '01', 'abc', ' 1']) {
      expect(() => decodePosition(bad)).toThrow(/invalid position/);
    }
  });
});
