import { routerNeedsEntry } from './router-needs';

const entry = (type: string | undefined, streamType: string, payload: () => unknown = () => ({})) => ({
  headers: (type ? { 'Sb-Event-Type': type } : {}) as Record<string, string>,
  subject: `evt.org-1.${streamType}.X1`,
  get payload() {
    return payload();
  },
});

describe('which events the router needs', () => {
  it('given a thread start, a freed seat, an agent accepting chats or new routing settings, then it needs them', () => {
    expect(routerNeedsEntry(entry('thread_started', 'chat'))).toBe(true);
    expect(routerNeedsEntry(entry('thread_deactivated', 'chat'))).toBe(true);
    expect(routerNeedsEntry(entry('user_removed', 'chat'))).toBe(true);
    expect(routerNeedsEntry(entry('routing_status_set', 'agent'))).toBe(true);
    expect(routerNeedsEntry(entry('group_updated', 'organization'))).toBe(true);
    expect(routerNeedsEntry(entry('routing_settings_updated', 'widget'))).toBe(true);
    expect(routerNeedsEntry(entry('customer_page_viewed', 'customer'))).toBe(true);
  });

  it('given what moves a queue or tells of an agent who left, then the queue keeper and the reassignment get them', () => {
    expect(routerNeedsEntry(entry('user_added', 'chat'))).toBe(true);
    expect(routerNeedsEntry(entry('chat_transferred', 'chat'))).toBe(true);
    expect(routerNeedsEntry(entry('widget_settings_updated', 'widget'))).toBe(true);
    expect(routerNeedsEntry(entry('agent_deleted', 'agent'))).toBe(true);
    expect(routerNeedsEntry(entry('agent_suspended', 'agent'))).toBe(true);
  });

  it('given a message or a same-named event of another stream type, then it skips it without decoding its payload', () => {
    const decode = () => {
      throw new Error('decoded');
    };
    expect(routerNeedsEntry(entry('event_added', 'chat', decode))).toBe(false);
    expect(routerNeedsEntry(entry('thread_started', 'customer', decode))).toBe(false);
    expect(routerNeedsEntry(entry('widget_greeting_set', 'widget', decode))).toBe(false);
    expect(routerNeedsEntry(entry('agent_deleted', 'chat', decode))).toBe(false);
  });

  it('given an entry published without the type header, then it is handed on to be decoded', () => {
    expect(routerNeedsEntry(entry(undefined, 'chat'))).toBe(true);
  });
});
