import { METHOD_CATALOG } from '../catalog';
import { SWITCHBOARD_EXTENSIONS } from '../extensions';
import { ApiError } from '../errors';
import { PAYLOAD_SCHEMAS, validatePayload } from './registry';

describe('payload validation', () => {
  it("has schemas only for methods of the catalog and Switchboard's own extensions", () => {
    for (const [api, schemas] of Object.entries(PAYLOAD_SCHEMAS)) {
      for (const action of Object.keys(schemas)) {
        expect([...METHOD_CATALOG, ...SWITCHBOARD_EXTENSIONS].some((m) => m.api === api && m.action === action)).toBe(true);
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
    expect(() => validatePayload('agent', 'logout', [1])).toThrow('payload: must be an object');
    expect(() => validatePayload('agent', 'logout', null)).toThrow('payload: must be an object');
  });

  it('passes the payload of a method without a schema through unchanged', () => {
    const payload = { extra: { kept: 1 } };
    expect(validatePayload('agent', 'logout', payload)).toBe(payload);
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
  describe('limits every payload is held to, with or without a schema', () => {
    const error = (api: 'agent' | 'customer' | 'configuration', action: string, payload: unknown): unknown => {
      try {
        validatePayload(api, action, payload);
      } catch (e) {
        return e;
      }
      throw new Error('expected a validation error');
    };

    it('names the field holding a NUL or an unpaired surrogate', () => {
      expect(error('configuration', 'get_agent', { id: '\u0000' })).toEqual(new ApiError('validation', 'id: must not contain NUL characters'));
      const content = { a: { b: 'x\u0000' } };
      expect(error('customer', 'send_event', { chat_id: 'c', event: { type: 'custom', content } })).toEqual(
        new ApiError('validation', 'event.content.a.b: must not contain NUL characters'),
      );
      expect(error('agent', 'tag_thread', { chat_id: 'c', tag: ['\ud800'] })).toEqual(
        new ApiError('validation', 'tag.0: must not contain unpaired surrogates (invalid Unicode)'),
      );
    });

    it('refuses deeply nested custom content: 16 levels inside content, 32 in any payload', () => {
      let content: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < 16; i++) content = { a: content };
      expect(() => validatePayload('customer', 'send_event', { chat_id: 'c', event: { type: 'custom', content } })).not.toThrow();
      expect(error('customer', 'send_event', { chat_id: 'c', event: { type: 'custom', content: { a: content } } })).toMatchObject({
        type: 'validation',
        message: expect.stringMatching(/^event\.content(\.a){16}: must not be nested more than 16 levels deep$/),
      });
      let deep: unknown = {};
      for (let i = 0; i < 4000; i++) deep = { a: deep };
      expect(error('customer', 'send_event', { chat_id: 'c', event: { type: 'custom', content: deep } })).toMatchObject({
        message: expect.stringMatching(/must not be nested more than 32 levels deep$/),
      });
      expect(error('agent', 'multicast', { content: deep })).toMatchObject({ type: 'validation' });
    });

    it('refuses integers a PostgreSQL integer cannot hold', () => {
      expect(error('agent', 'list_chats', { filters: { group_ids: [2147483648] } })).toEqual(
        new ApiError('validation', 'filters.group_ids.0: must be at most 2147483647'),
      );
      expect(error('configuration', 'create_agent', { id: 'a@example.com', name: 'A', groups: [{ id: 2 ** 31, priority: 'normal' }] })).toMatchObject({
        message: 'groups.0.id: must be at most 2147483647',
      });
    });

    it('says which key of a map is wrong without echoing a huge key', () => {
      const key = 'k'.repeat(1000);
      const message = (error('customer', 'send_event', { chat_id: 'c', event: { type: 'message', text: 'x', properties: { [key]: { a: 1 } } } }) as Error)
        .message;
      expect(message).toBe(`event.properties.${'k'.repeat(64)}…: invalid key: must be at most 256 characters`);
    });
  });
});
