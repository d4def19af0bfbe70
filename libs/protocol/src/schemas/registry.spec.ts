import { METHOD_CATALOG } from '../catalog';
import { ApiError } from '../errors';
import { PAYLOAD_SCHEMAS, validatePayload } from './registry';

describe('payload validation', () => {
  it('has schemas only for methods of the catalog', () => {
    for (const [api, schemas] of Object.entries(PAYLOAD_SCHEMAS)) {
      for (const action of Object.keys(schemas)) {
        expect(METHOD_CATALOG.some((m) => m.api === api && m.action === action)).toBe(true);
      }
    }
  });

  it('drops unknown top-level keys instead of failing, since SDKs send extras', () => {
    expect(validatePayload('agent', 'get_chat', { chat_id: 'PJ0MRSHTDG', sdk_trace: 'x', organization_id: 'o' })).toEqual({
      chat_id: 'PJ0MRSHTDG',
    });
  });

  it('treats a missing payload as {} like the Web API', () => {
    expect(validatePayload('customer', 'list_chats', undefined)).toEqual({ limit: 10, sort_order: 'desc' });
    expect(() => validatePayload('agent', 'get_chat', undefined)).toThrow('chat_id: Required');
  });

  it('names every offending field in one validation error', () => {
    expect(() => validatePayload('agent', 'send_event', { event: { type: 'message' } })).toThrow(
      new ApiError('validation', 'chat_id: Required; event.text: Required'),
    );
  });

  it('rejects a payload that is not an object', () => {
    expect(() => validatePayload('agent', 'get_chat', 'PJ0MRSHTDG')).toThrow(/^payload: /);
    expect(() => validatePayload('agent', 'tag_thread', [1])).toThrow('payload: must be an object');
    expect(() => validatePayload('agent', 'tag_thread', null)).toThrow('payload: must be an object');
  });

  it('passes the payload of a method without a schema through unchanged', () => {
    const payload = { chat_id: 'PJ0MRSHTDG', thread_id: 'K600PKZON8', tag: 'sales' };
    expect(validatePayload('agent', 'tag_thread', payload)).toBe(payload);
    expect(validatePayload('agent', 'logout', undefined)).toEqual({});
  });

  it('does not treat inherited object keys as actions', () => {
    expect(validatePayload('agent', 'toString', {})).toEqual({});
    expect(validatePayload('agent', 'constructor', {})).toEqual({});
  });

  it('returns a typed payload for actions with a schema', () => {
    const payload = validatePayload('agent', 'send_event', { chat_id: 'PJ0MRSHTDG', event: { type: 'message', text: 'hi' } });
    const chatId: string = payload.chat_id;
    const attach: boolean = payload.attach_to_last_thread;
    expect([chatId, attach, payload.event.type]).toEqual(['PJ0MRSHTDG', false, 'message']);
  });
});
