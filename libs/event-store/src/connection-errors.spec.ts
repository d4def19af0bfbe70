import { isDatabaseConnectionError } from './connection-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseConnectionError', () => {
  it('recognises a refused, reset, timed-out or ended connection', () => {
    expect(isDatabaseConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseConnectionError(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isDatabaseConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseConnectionError(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseConnectionError(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
  });

  it('recognises a server shutting down, starting up or out of connections', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300']) {
      expect(isDatabaseConnectionError(withCode('terminating connection', code))).toBe(true);
    }
  });

  it('looks through an error wrapping the connection error', () => {
    expect(isDatabaseConnectionError(new Error('append failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }))).toBe(true);
  });

  it('leaves statement errors and bugs alone', () => {
    expect(isDatabaseConnectionError(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isDatabaseConnectionError(withCode('canceling statement due to statement timeout', '57014'))).toBe(false);
    expect(isDatabaseConnectionError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseConnectionError('Connection terminated')).toBe(false);
    expect(isDatabaseConnectionError(undefined)).toBe(false);
  });
});
