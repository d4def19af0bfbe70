import { ApiError, DEFAULT_MESSAGES, ERROR_TYPES, HTTP_STATUS, isApiError, isErrorType, toErrorObject } from './errors';

describe('error model', () => {
  it('knows every error type of the spec with its documented default message', () => {
    expect(ERROR_TYPES).toHaveLength(34);
    expect(Object.keys(DEFAULT_MESSAGES).sort()).toEqual([...ERROR_TYPES].sort());
    expect(DEFAULT_MESSAGES.validation).toBe('Wrong format of request');
    expect(DEFAULT_MESSAGES.entity_too_large).toBe('Upload limit exceeded (10MB).');
    expect(DEFAULT_MESSAGES.unsupported_version).toBe('Cannot call unsupported API versions.');
  });

  it('gives every error type a non-2xx HTTP status following the proposed mapping', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_TYPES].sort());
    for (const type of ERROR_TYPES) expect(HTTP_STATUS[type]).toBeGreaterThanOrEqual(400);
    expect(HTTP_STATUS).toMatchObject({
      validation: 400,
      authentication: 401,
      missing_access: 403,
      not_found: 404,
      already_exists: 409,
      entity_too_large: 413,
      misdirected_request: 421,
      chat_inactive: 422,
      too_many_requests: 429,
      pending_requests_limit_reached: 429,
      requester_suspended: 403,
      seats_limit_exceeded: 403,
      users_limit_reached: 403,
      internal: 500,
      service_unavailable: 503,
      request_timeout: 504,
    });
  });

  it('uses the default message unless a more specific one is given', () => {
    expect(new ApiError('chat_inactive').message).toBe('Chat is inactive');
    expect(new ApiError('validation', 'chat_id: Required').message).toBe('chat_id: Required');
  });

  it('passes an ApiError to the client as is, with its data', () => {
    const error = new ApiError('misdirected_request', undefined, { region: 'fra' });
    expect(toErrorObject(error)).toEqual({ type: 'misdirected_request', message: 'Wrong region', data: { region: 'fra' } });
    expect(toErrorObject(new ApiError('not_found'))).toEqual({ type: 'not_found', message: 'Not found' });
  });

  it('turns any other failure into internal without leaking its message or stack', () => {
    const leaky = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    const object = toErrorObject(leaky);
    expect(object).toEqual({ type: 'internal', message: 'Internal server error' });
    expect(JSON.stringify(object)).not.toContain('ECONNREFUSED');
    expect(toErrorObject('boom')).toEqual({ type: 'internal', message: 'Internal server error' });
    expect(toErrorObject(undefined).type).toBe('internal');
  });

  it('does not mistake a foreign error carrying a type field for an ApiError', () => {
    const foreign = Object.assign(new Error('secret detail'), { type: 'validation' });
    expect(isApiError(foreign)).toBe(false);
    expect(toErrorObject(foreign).message).toBe('Internal server error');
    expect(isApiError(new ApiError('internal'))).toBe(true);
    expect(isErrorType('validation')).toBe(true);
    expect(isErrorType('already_exist')).toBe(false);
  });
});
