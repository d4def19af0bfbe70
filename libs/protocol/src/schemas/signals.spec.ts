import { ApiError } from '../errors';
import { validatePayload } from './registry';

function rejection(api: 'agent' | 'customer', action: string, payload: unknown): string {
  try {
    validatePayload(api, action, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('validation');
    return (error as ApiError).message;
  }
  throw new Error(`${api} ${action} accepted ${JSON.stringify(payload)}`);
}

describe('live signal, postback and multicast payloads', () => {
  it('mark_events_as_seen needs a chat and an RFC 3339 moment, in both APIs', () => {
    for (const api of ['agent', 'customer'] as const) {
      expect(validatePayload(api, 'mark_events_as_seen', { chat_id: 'C', seen_up_to: '2026-11-21T10:00:00.123456Z' })).toEqual({
        chat_id: 'C',
        seen_up_to: '2026-11-21T10:00:00.123456Z',
      });
      expect(rejection(api, 'mark_events_as_seen', { chat_id: 'C' })).toBe('seen_up_to: Required');
      expect(rejection(api, 'mark_events_as_seen', { chat_id: 'C', seen_up_to: 'yesterday' })).toMatch(/^seen_up_to: /);
    }
  });

  it('send_rich_message_postback needs the chat, thread, event and a postback id with toggled', () => {
    const payload = { chat_id: 'C', thread_id: 'T', event_id: 'T_1', postback: { id: 'yes', toggled: true } };
    expect(validatePayload('customer', 'send_rich_message_postback', payload)).toEqual(payload);
    expect(rejection('agent', 'send_rich_message_postback', { ...payload, postback: { id: 'yes' } })).toBe('postback.toggled: Required');
    expect(rejection('agent', 'send_rich_message_postback', { ...payload, event_id: undefined })).toBe('event_id: Required');
  });

  it('send_typing_indicator defaults visibility to all and accepts the older recipients', () => {
    expect(validatePayload('agent', 'send_typing_indicator', { chat_id: 'C', is_typing: true })).toEqual({ chat_id: 'C', is_typing: true, visibility: 'all' });
    expect(validatePayload('agent', 'send_typing_indicator', { chat_id: 'C', is_typing: false, recipients: 'agents' })).toMatchObject({ visibility: 'agents' });
    expect(rejection('agent', 'send_typing_indicator', { chat_id: 'C', is_typing: 'yes' })).toMatch(/^is_typing: /);
    expect(rejection('agent', 'send_typing_indicator', { chat_id: 'C', is_typing: true, visibility: 'everyone' })).toMatch(/^visibility: /);
  });

  it('send_sneak_peek takes the text being typed, empty included', () => {
    expect(validatePayload('customer', 'send_sneak_peek', { chat_id: 'C', sneak_peek_text: '' })).toEqual({ chat_id: 'C', sneak_peek_text: '' });
    expect(rejection('customer', 'send_sneak_peek', { chat_id: 'C' })).toBe('sneak_peek_text: Required');
  });

  it('multicast needs some recipients and a content', () => {
    expect(validatePayload('agent', 'multicast', { recipients: { agents: { groups: [1] } }, content: 'hi', type: 'note' })).toEqual({
      recipients: { agents: { groups: [1] } },
      content: 'hi',
      type: 'note',
    });
    expect(rejection('agent', 'multicast', { recipients: {}, content: 1 })).toMatch(/^recipients: at least one/);
    expect(rejection('agent', 'multicast', { recipients: { agents: { all: false } }, content: 1 })).toMatch(/^recipients: /);
    expect(rejection('agent', 'multicast', { recipients: { agents: { all: true } } })).toBe('content: Required');
  });
});
