import { ApiError } from './errors';
import { errorFrame, parseRtmRequest, pushFrame, responseFrame, RtmFrameError } from './frames';

function frameError(text: string): RtmFrameError {
  try {
    parseRtmRequest(text);
  } catch (error) {
    if (error instanceof RtmFrameError) return error;
    throw error;
  }
  throw new Error('expected the frame to be rejected');
}

describe('RTM frames', () => {
  it('reads a full request frame', () => {
    const request = parseRtmRequest(
      JSON.stringify({ version: '3.4', request_id: 'abc-123', action: 'send_event', payload: { chat_id: 'PJ0MRSHTDG' }, author_id: 'bot1' }),
    );
    expect(request).toEqual({
      version: '3.4',
      request_id: 'abc-123',
      action: 'send_event',
      payload: { chat_id: 'PJ0MRSHTDG' },
      author_id: 'bot1',
    });
  });

  it('accepts the JS SDK ping, which has no payload', () => {
    expect(parseRtmRequest('{"action":"ping"}')).toEqual({ action: 'ping', payload: {} });
  });

  it('still echoes the request_id and action of a frame with a bad payload', () => {
    const error = frameError('{"request_id":"r1","action":"send_event","payload":"hello"}');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.type).toBe('validation');
    expect(error.request).toEqual({ request_id: 'r1', action: 'send_event' });
    expect(errorFrame(error.request, error)).toEqual({
      request_id: 'r1',
      action: 'send_event',
      type: 'response',
      success: false,
      payload: { error: { type: 'validation', message: 'payload: must be an object' } },
    });
  });

  it('echoes the request_id of a frame without an action', () => {
    const error = frameError('{"request_id":"r2","payload":{}}');
    expect(error.request).toEqual({ request_id: 'r2' });
    expect(error.message).toBe('action: Required');
    expect(errorFrame(error.request, error)).toMatchObject({ request_id: 'r2', success: false });
  });

  it.each([
    ['not JSON', '{"action": "login",', 'Frame is not valid JSON'],
    ['a JSON array', '[1,2]', 'Frame must be a JSON object'],
    ['a JSON string', '"login"', 'Frame must be a JSON object'],
    ['a numeric action', '{"action": 7}', 'action: must be a string'],
    ['a null payload', '{"action": "login", "payload": null}', 'payload: must be an object'],
    ['an array payload', '{"action": "login", "payload": []}', 'payload: must be an object'],
    ['a numeric request_id', '{"action": "login", "request_id": 5}', 'request_id: must be a string'],
    ['a numeric version', '{"action": "login", "version": 3.4}', 'version: must be a string'],
    ['an object author_id', '{"action": "login", "author_id": {}}', 'author_id: must be a string'],
    ['a request_id over 128 characters', `{"action": "login", "request_id": "${'r'.repeat(129)}"}`, 'request_id: must be at most 128 characters'],
    ['a NUL in the request_id', '{"action": "login", "request_id": "r\\u0000"}', 'request_id: must not contain NUL characters'],
    ['a lone surrogate in the request_id', '{"action": "login", "request_id": "\\ud800"}', 'request_id: must not contain unpaired surrogates (invalid Unicode)'],
    ['a NUL in the action', '{"action": "log\\u0000in"}', 'action: must not contain NUL characters'],
  ])('rejects %s as validation', (_, text, message) => {
    const error = frameError(text);
    expect(error.type).toBe('validation');
    expect(error.message).toBe(message);
  });

  it('answers with the request_id only when the request had one', () => {
    expect(responseFrame({ request_id: 'abc-123', action: 'send_event' }, { event_id: 'K600PKZON8_1' })).toEqual({
      request_id: 'abc-123',
      action: 'send_event',
      type: 'response',
      success: true,
      payload: { event_id: 'K600PKZON8_1' },
    });
    const withoutId = responseFrame(parseRtmRequest('{"action":"ping"}'));
    expect(withoutId).toEqual({ action: 'ping', type: 'response', success: true, payload: {} });
    expect('request_id' in withoutId).toBe(false);
  });

  it('reports an unexpected failure as internal without its message', () => {
    const frame = errorFrame({ request_id: 'r3', action: 'get_chat' }, new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(frame.payload).toEqual({ error: { type: 'internal', message: 'Internal server error' } });
    expect(JSON.stringify(frame)).not.toContain('Cannot read');
  });

  it('matches the spec sample of an error response', () => {
    expect(errorFrame({ request_id: 'abc-123', action: 'login' }, new ApiError('authentication', 'Invalid access token'))).toEqual({
      request_id: 'abc-123',
      action: 'login',
      type: 'response',
      success: false,
      payload: { error: { type: 'authentication', message: 'Invalid access token' } },
    });
  });

  it('stamps pushes with version 3.4 and carries request_id only when given', () => {
    const push = pushFrame('incoming_event', { chat_id: 'PJ0MRSHTDG' });
    expect(push).toEqual({ version: '3.4', action: 'incoming_event', type: 'push', payload: { chat_id: 'PJ0MRSHTDG' } });
    expect('request_id' in push).toBe(false);
    expect(pushFrame('incoming_event', {}, 'abc-123')).toEqual({
      version: '3.4',
      request_id: 'abc-123',
      action: 'incoming_event',
      type: 'push',
      payload: {},
    });
  });
});
