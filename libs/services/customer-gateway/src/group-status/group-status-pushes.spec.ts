import { EventMessage } from '@switchboard/event-store';
import { RtmConnection } from '@switchboard/gateway-kit';
import { mayChangeGroupStatus, watchGroupStatus } from './group-status-pushes';

const message = (stream_id: string, type: string, data: unknown = {}) => ({ type, data, stream_id, organization_id: 'o', metadata: {} }) as unknown as EventMessage;

describe('groups_status_updated', () => {
  it('is planned after what may change a group\'s status: agents, groups\' members, the widget\'s queue setting, a seat taken or freed', () => {
    expect(mayChangeGroupStatus(message('agent-a@x.example', 'routing_status_set'))).toBe(true);
    expect(mayChangeGroupStatus(message('agent-a@x.example', 'agent_updated'))).toBe(true);
    expect(mayChangeGroupStatus(message('widget-o', 'widget_settings_updated'))).toBe(true);
    expect(mayChangeGroupStatus(message('organization-o', 'group_updated', { id: 1, agent_priorities: {} }))).toBe(true);
    expect(mayChangeGroupStatus(message('chat-C1', 'user_added', { user: { type: 'agent', id: 'a' } }))).toBe(true);
    expect(mayChangeGroupStatus(message('chat-C1', 'user_removed', { user_type: 'agent', user_id: 'a' }))).toBe(true);
    expect(mayChangeGroupStatus(message('chat-C1', 'thread_deactivated', { agent_ids: ['a'] }))).toBe(true);
    // Nothing about seats: a customer joining, a thread no agent held, a message, a customer's own stream.
    expect(mayChangeGroupStatus(message('chat-C1', 'user_added', { user: { type: 'customer', id: 'c' } }))).toBe(false);
    // A waiting chat joining or leaving its group's queue: the queue may fill or free up.
    expect(mayChangeGroupStatus(message('chat-C1', 'thread_started', { thread: { id: 'T' } }))).toBe(true);
    expect(mayChangeGroupStatus(message('chat-C1', 'thread_deactivated', { agent_ids: [] }))).toBe(true);
    expect(mayChangeGroupStatus(message('chat-C1', 'event_added', { event: {} }))).toBe(false);
    expect(mayChangeGroupStatus(message('customer-c1', 'customer_page_viewed'))).toBe(false);
    expect(mayChangeGroupStatus(message('widget-o', 'widget_form_set'))).toBe(false);
    expect(mayChangeGroupStatus(message('organization-o', 'application_created'))).toBe(false);
  });

  it('reaches a customer only for its own group, each status once, starting from the one it had at login', () => {
    const connection = {} as RtmConnection;
    watchGroupStatus(connection, 1, [{ id: 0, status: 'online' }, { id: 1, status: 'online_for_queue' }]);
    const push = (statuses: Array<[number, string]>) => connection.adaptPush!('groups_status_updated', { groups: statuses.map(([id, status]) => ({ id, status })) });
    expect(push([[0, 'online'], [1, 'online_for_queue']])).toBeUndefined();
    expect(push([[0, 'online_for_queue'], [1, 'online']])).toEqual({ groups: [{ id: 1, status: 'online' }] });
    expect(push([[0, 'offline'], [1, 'online']])).toBeUndefined();
    expect(push([[0, 'offline']])).toEqual({ groups: [{ id: 1, status: 'offline' }] });
    expect(connection.adaptPush!('incoming_chat', { chat: {} })).toEqual({ chat: {} });
  });
});
