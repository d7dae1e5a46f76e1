import { describe, expect, test } from 'vitest';
import { VirtualClock, formatIsoUtc, parseIsoUtc } from '../../src/sim/clock';

describe('virtual clock', () => {
  test('moves only when advanced', () => {
    const clock = new VirtualClock(parseIsoUtc('2026-01-01T00:00:00Z'));
    expect(formatIsoUtc(clock.now())).toBe('2026-01-01T00:00:00Z');
    clock.advance(1209600);
    expect(formatIsoUtc(clock.now())).toBe('2026-01-15T00:00:00Z');
  });

  test('refuses to go backwards', () => {
    const clock = new VirtualClock(0);
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
  });

  test('parses and formats UTC times as the transcripts write them', () => {
    expect(parseIsoUtc('1970-01-01T00:00:01Z')).toBe(1000);
    expect(formatIsoUtc(1500)).toBe('1970-01-01T00:00:01.500000Z');
    expect(() => parseIsoUtc('2026-01-01 00:00')).toThrow(/not a UTC time/);
  });
});
