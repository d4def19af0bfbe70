import { BusTimeoutError, BusUnavailableError, NoRespondersError } from '@switchboard/messaging';
import { ApiError, toErrorObject } from '@switchboard/protocol';
import { isOutage, toClientError } from './client-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('what a client is told about a failure', () => {
  it('tells a client service_unavailable when PostgreSQL cannot be reached, without any detail of it', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      withCode('terminating connection due to administrator command', '57P01'),
    ]) {
      expect(isOutage(error)).toBe(true);
      expect(toErrorObject(toClientError(error))).toEqual({
        type: 'service_unavailable',
        message: 'Service temporarily unavailable, retry shortly',
      });
    }
  });

  it('tells a client service_unavailable when NATS cannot be reached or nobody answers', () => {
    for (const error of [new BusUnavailableError('Not connected to NATS'), new BusTimeoutError('cfg.get', 5000), new NoRespondersError('cfg.get')]) {
      expect(toErrorObject(toClientError(error)).type).toBe('service_unavailable');
    }
  });

  it('passes API errors as they are and keeps every other failure internal', () => {
    const notFound = new ApiError('not_found', 'Chat not found');
    expect(toClientError(notFound)).toBe(notFound);
    expect(toErrorObject(toClientError(withCode('duplicate key value violates unique constraint', '23505')))).toEqual({
      type: 'internal',
      message: 'Internal server error',
    });
    expect(isOutage(new TypeError('x is undefined'))).toBe(false);
  });
});
