import { isValidSubject, subjectMatches } from './subjects';

describe('subjectMatches', () => {
  it.each([
    ['a.b.c', 'a.b.c'],
    ['a.*.c', 'a.b.c'],
    ['*.*.*', 'a.b.c'],
    ['a.>', 'a.b'],
    ['a.>', 'a.b.c.d'],
    ['>', 'a'],
    ['*.b.>', 'a.b.c'],
  ])('%s matches %s', (pattern, subject) => {
    expect(subjectMatches(pattern, subject)).toBe(true);
  });

  it.each([
    ['a.b.c', 'a.b'],
    ['a.b', 'a.b.c'],
    ['a.*', 'a.b.c'],
    ['a.*.c', 'a.b.d'],
    ['a.>', 'a'],
    ['a.b.>', 'a.b'],
    ['*', 'a.b'],
    ['a*', 'ab'],
    ['A.b', 'a.b'],
  ])('%s does not match %s', (pattern, subject) => {
    expect(subjectMatches(pattern, subject)).toBe(false);
  });
});

describe('isValidSubject', () => {
  it('accepts literal subjects and patterns', () => {
    expect(isValidSubject('evt.org-1.chat.42', false)).toBe(true);
    expect(isValidSubject('evt.*.chat.>', true)).toBe(true);
    expect(isValidSubject('a*.b', false)).toBe(true);
  });

  it('rejects empty tokens and whitespace', () => {
    expect(isValidSubject('', true)).toBe(false);
    expect(isValidSubject('a..b', true)).toBe(false);
    expect(isValidSubject('a.', true)).toBe(false);
    expect(isValidSubject('a b', true)).toBe(false);
  });

  it('allows wildcards only in patterns, and > only at the end', () => {
    expect(isValidSubject('a.*', false)).toBe(false);
    expect(isValidSubject('a.>', false)).toBe(false);
    expect(isValidSubject('a.>.b', true)).toBe(false);
  });
});
