/**
 * NATS subject rules, for the in-process bus: tokens separated by `.`, `*` matches
 * exactly one token and `>` (last token only) matches one or more trailing tokens.
 * Wildcards are wildcards only as whole tokens, as in NATS (`a*` is a literal).
 */

/** Whether `subject` (a literal subject) is matched by `pattern` (which may hold wildcards). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const tokens = subject.split('.');
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i] === '>') return tokens.length > i;
    if (i >= tokens.length) return false;
    if (wanted[i] !== '*' && wanted[i] !== tokens[i]) return false;
  }
  return wanted.length === tokens.length;
}

/** Whether `subject` is well formed; wildcard tokens are allowed only in patterns. */
export function isValidSubject(subject: string, allowWildcards: boolean): boolean {
  if (subject.length === 0 || /\s/.test(subject)) return false;
  const tokens = subject.split('.');
  return tokens.every((token, i) => {
    if (token.length === 0) return false;
    if (token === '*') return allowWildcards;
    if (token === '>') return allowWildcards && i === tokens.length - 1;
    return true;
  });
}

export function assertValidSubject(subject: string, allowWildcards: boolean): void {
  if (!isValidSubject(subject, allowWildcards)) {
    throw new Error(`Invalid ${allowWildcards ? 'subject pattern' : 'subject'}: '${subject}'`);
  }
}
