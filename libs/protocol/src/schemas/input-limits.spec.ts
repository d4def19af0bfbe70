import { ApiError } from '../errors';
import { assertStorablePayload, assertStorableString, describePath, inspectJson, LIMITS, stringProblem } from './input-limits';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

function payloadError(payload: unknown): string {
  try {
    assertStorablePayload(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error('expected the payload to be rejected');
}

describe('input limits', () => {
  describe('strings PostgreSQL can store', () => {
    it.each([
      ['plain text', 'hello'],
      ['accents and CJK', 'zażółć 漢字'],
      ['an emoji (a surrogate pair)', 'hi 😀'],
      ['the empty string', ''],
    ])('accepts %s', (_, value) => {
      expect(stringProblem(value)).toBeUndefined();
    });

    it.each([
      ['a NUL character', 'a\u0000b', 'must not contain NUL characters'],
      ['a lone high surrogate', 'a\ud83d', 'must not contain unpaired surrogates (invalid Unicode)'],
      ['a lone low surrogate', '\ude00b', 'must not contain unpaired surrogates (invalid Unicode)'],
      ['two high surrogates', '\ud83d\ud83d\ude00', 'must not contain unpaired surrogates (invalid Unicode)'],
    ])('rejects %s', (_, value, message) => {
      expect(stringProblem(value)).toBe(message);
    });
  });

  describe('any payload', () => {
    it('names the path of a NUL deep inside, in values and in keys', () => {
      expect(payloadError({ event: { content: { a: { b: 'x\u0000' } } } })).toBe('event.content.a.b: must not contain NUL characters');
      expect(payloadError({ items: [1, 'ok', '\ud800'] })).toBe('items.2: must not contain unpaired surrogates (invalid Unicode)');
      expect(payloadError({ event: { 'k\u0000': 1 } })).toBe('event: keys must not contain NUL characters');
    });

    it(`accepts ${LIMITS.payloadDepth} levels and refuses more, even 5,000 levels, without running out of stack`, () => {
      expect(() => assertStorablePayload(nested(LIMITS.payloadDepth))).not.toThrow();
      expect(payloadError(nested(LIMITS.payloadDepth + 1))).toMatch(/^a(\.a){31}: must not be nested more than 32 levels deep$/);
      expect(payloadError(nested(5000))).toMatch(/must not be nested more than 32 levels deep$/);
      let array: unknown = [];
      for (let i = 0; i < 5000; i++) array = [array];
      expect(payloadError(array)).toMatch(/^0(\.0){31}: must not be nested/);
    });

    it('refuses a payload over the size limit', () => {
      expect(payloadError({ text: 'x'.repeat(LIMITS.payloadBytes) })).toBe(`text: must be at most ${LIMITS.payloadBytes} bytes as JSON`);
    });

    it('accepts a large array of small values that fits the limit', () => {
      expect(() => assertStorablePayload({ ids: Array.from({ length: 100_000 }, (_, i) => i) })).not.toThrow();
    });

    it('refuses numbers JSON cannot carry (1e400 parses as Infinity)', () => {
      expect(payloadError(JSON.parse('{"limit": 1e400}'))).toBe('limit: must be a finite number');
    });

    it('cuts long keys in the message so an answer never echoes a huge key', () => {
      const key = 'k'.repeat(10_000);
      const message = payloadError({ [key]: 'x\u0000' });
      expect(message.length).toBeLessThan(120);
      expect(message).toBe(`${'k'.repeat(64)}…: must not contain NUL characters`);
      expect(describePath([])).toBe('payload');
    });
  });

  describe('free-form JSON', () => {
    it('measures depth from the value itself and size approximately as UTF-8 JSON', () => {
      expect(inspectJson(nested(16), { maxDepth: 16, maxBytes: 1000 })).toBeUndefined();
      expect(inspectJson(nested(17), { maxDepth: 16, maxBytes: 1000 })?.message).toBe('must not be nested more than 16 levels deep');
      expect(inspectJson({ a: 'ż'.repeat(500) }, { maxDepth: 4, maxBytes: 1000 })?.message).toBe('must be at most 1000 bytes as JSON');
      expect(inspectJson({ a: 'z'.repeat(500) }, { maxDepth: 4, maxBytes: 1000 })).toBeUndefined();
    });
  });

  it('checks a lone string (query parameter, envelope field) for length and content', () => {
    expect(() => assertStorableString('organization_id', 'abc', 256)).not.toThrow();
    expect(() => assertStorableString('organization_id', 'x'.repeat(257), 256)).toThrow(
      new ApiError('validation', 'organization_id: must be at most 256 characters'),
    );
    expect(() => assertStorableString('organization_id', '\u0000', 256)).toThrow(
      new ApiError('validation', 'organization_id: must not contain NUL characters'),
    );
  });
});
