import { ApiError } from '@switchboard/protocol';
import { utcMicros } from './signal-actions';

describe('seen marks as stored', () => {
  it('are UTC with microseconds, whatever offset and precision the client sent', () => {
    expect(utcMicros('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000000Z');
    expect(utcMicros('2026-01-01T00:00:00.123456Z')).toBe('2026-01-01T00:00:00.123456Z');
    expect(utcMicros('2026-01-01T00:00:00.1234567Z')).toBe('2026-01-01T00:00:00.123456Z');
    expect(utcMicros('2026-01-01T00:00:00.5+01:00')).toBe('2025-12-31T23:00:00.500000Z');
  });

  it('refuse a moment that is no date', () => {
    expect(() => utcMicros('2026-13-01T00:00:00Z')).toThrow(ApiError);
  });
});
