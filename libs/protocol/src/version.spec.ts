import { ApiError } from './errors';
import { compareApiVersions, parseApiVersion, PROTOCOL_VERSION } from './version';

describe('API versions', () => {
  it('accepts 3.4 with or without the v of URL paths', () => {
    expect(parseApiVersion('3.4')).toBe('3.4');
    expect(parseApiVersion('v3.4')).toBe('3.4');
    expect(PROTOCOL_VERSION).toBe('3.4');
  });

  it('accepts newer 3.x versions that RTM clients use to call single methods', () => {
    expect(parseApiVersion('3.5')).toBe('3.5');
    expect(parseApiVersion('v3.6')).toBe('3.6');
    expect(parseApiVersion('3.10')).toBe('3.10');
  });

  it.each(['3.3', 'v3.2', '2.0', '4.0', 'v4', 'abc', '', '3', '3.', '3.04', 'V3.4', '3.4.1'])(
    'rejects %p as unsupported_version',
    (raw) => {
      expect(() => parseApiVersion(raw)).toThrow(ApiError);
      try {
        parseApiVersion(raw);
      } catch (error) {
        expect((error as ApiError).type).toBe('unsupported_version');
        expect((error as ApiError).message).toBe('Cannot call unsupported API versions.');
      }
    },
  );

  it('orders versions numerically, so 3.10 is newer than 3.9', () => {
    expect(compareApiVersions('3.10', '3.9')).toBeGreaterThan(0);
    expect(compareApiVersions('3.4', '3.5')).toBeLessThan(0);
    expect(compareApiVersions('3.4', '3.4')).toBe(0);
  });
});
