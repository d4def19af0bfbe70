import { REDACTED, Redactor, urlPassword } from './redactor';

describe('the log redactor', () => {
  const redactor = new Redactor();

  it('hides the password of a connection URL and keeps the rest readable', () => {
    expect(redactor.text('connect ECONNREFUSED postgres://switchboard:s3cr3t-pw@db:5432/switchboard')).toBe(
      `connect ECONNREFUSED postgres://switchboard:${REDACTED}@db:5432/switchboard`,
    );
    expect(redactor.text('nats://127.0.0.1:4222 is down')).toBe('nats://127.0.0.1:4222 is down');
  });

  it('hides Authorization values, Switchboard tokens and token fields in JSON or query strings', () => {
    const token = 'dal:eyJ0eXAiOiJhZ2VudCIsIm9yZyI6Im8ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc';
    expect(redactor.text(`Authorization: Bearer ${token}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactor.text(`login with ${token} failed`)).toBe(`login with ${REDACTED} failed`);
    expect(redactor.text('{"action":"login","payload":{"token":"abc def"}}')).toBe(`{"action":"login","payload":{"token":"${REDACTED}"}}`);
    expect(redactor.text('GET /x?access_token=abc123&y=1')).toBe(`GET /x?access_token=${REDACTED}&y=1`);
  });

  it('hides values under secret keys at any depth, and never changes the object it was given', () => {
    const fields = { headers: { authorization: 'Bearer x', host: 'h' }, admin_token: 'a', list: [{ password: 'p' }], n: 1 };
    expect(redactor.value(fields)).toEqual({
      headers: { authorization: REDACTED, host: 'h' },
      admin_token: REDACTED,
      list: [{ password: REDACTED }],
      n: 1,
    });
    expect(fields.headers.authorization).toBe('Bearer x');
  });

  it('hides the exact values of configured secrets wherever they appear', () => {
    const withSecret = new Redactor();
    withSecret.addSecret('the-operators-admin-token');
    withSecret.addSecret('short');
    expect(withSecret.text('token the-operators-admin-token rejected')).toBe(`token ${REDACTED} rejected`);
    expect(withSecret.text('a short message')).toBe('a short message');
  });

  it('finds the password of a connection URL', () => {
    expect(urlPassword('postgres://u:p%40ss@h/db')).toBe('p@ss');
    expect(urlPassword('postgres://u@h/db')).toBeUndefined();
    expect(urlPassword(undefined)).toBeUndefined();
  });
});
