import { z } from 'zod';
import { count, groupId, id, int32, jsonObject, list, properties, text } from './common';
import { LIMITS } from './input-limits';

const messages = (schema: z.ZodType, value: unknown): string[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '-'}: ${issue.message}`);
};

describe('schema building blocks', () => {
  it('strings: bounded length, no NUL, no unpaired surrogate', () => {
    expect(messages(text(5), 'hello')).toEqual([]);
    expect(messages(text(5), 'hello!')).toEqual(['-: must be at most 5 characters']);
    expect(messages(text(), 'a\u0000')).toEqual(['-: must not contain NUL characters']);
    expect(messages(text(), '\udc00')).toEqual(['-: must not contain unpaired surrogates (invalid Unicode)']);
  });

  it(`ids: not empty, at most ${LIMITS.idLength} characters`, () => {
    expect(messages(id(), '')).toEqual(['-: must not be empty']);
    expect(messages(id(), 'x'.repeat(LIMITS.idLength))).toEqual([]);
    expect(messages(id(), 'x'.repeat(LIMITS.idLength + 1))).toEqual([`-: must be at most ${LIMITS.idLength} characters`]);
  });

  it('integers: what a PostgreSQL integer holds', () => {
    expect(messages(int32(), 2 ** 31 - 1)).toEqual([]);
    expect(messages(int32(), -(2 ** 31))).toEqual([]);
    expect(messages(int32(), 2 ** 31)).toEqual(['-: must be at most 2147483647']);
    expect(messages(int32(), -(2 ** 31) - 1)).toEqual(['-: must be at least -2147483648']);
    expect(messages(groupId(), 2 ** 53 + 2)).not.toEqual([]);
    expect(messages(count(), -1)).toEqual(['-: must not be negative']);
    expect(messages(groupId(), 1.5)).not.toEqual([]);
  });

  it('lists: bounded length', () => {
    expect(messages(list(z.number(), 2), [1, 2, 3])).toEqual(['-: must have at most 2 elements']);
  });

  it('free-form JSON objects: bounded depth and size, with the path of the problem', () => {
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.jsonDepth; i++) deep = { a: deep };
    expect(messages(jsonObject(), deep)).toEqual([]);
    expect(messages(jsonObject(), { x: deep })).toEqual([`x${'.a'.repeat(LIMITS.jsonDepth - 1)}: must not be nested more than 16 levels deep`]);
    expect(messages(jsonObject(), { blob: 'x'.repeat(LIMITS.jsonBytes) })).toEqual([`blob: must be at most ${LIMITS.jsonBytes} bytes as JSON`]);
    expect(messages(jsonObject(), { list: [{ s: 'a\u0000' }] })).toEqual(['list.0.s: must not contain NUL characters']);
  });

  it('properties: ids as keys, bounded values, 32 KB in all', () => {
    expect(messages(properties, { routing: { pinned: true, score: 3, note: 'x' } })).toEqual([]);
    expect(messages(properties, { routing: { note: 'x'.repeat(LIMITS.textLength + 1) } })).toEqual([
      `routing.note: must be at most ${LIMITS.textLength} characters`,
    ]);
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`n${i}`, 'x'.repeat(4000)]));
    expect(messages(properties, { big: many })).toEqual([`big.n8: must be at most ${LIMITS.jsonBytes} bytes as JSON`]);
  });
});
