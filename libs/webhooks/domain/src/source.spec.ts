import { eventSourceClientId } from './source';

describe('who caused an event (source_type)', () => {
  it('is the application the requester acted for, on any stream', () => {
    expect(eventSourceClientId('chat', { requester_id: 'jo@acme.example', client_id: 'c1' })).toBe('c1');
    expect(eventSourceClientId('agent', { requester_id: 'jo@acme.example', client_id: 'c1' })).toBe('c1');
  });

  it('is nobody (undefined) when a user acted without an application: a personal access token, a customer', () => {
    expect(eventSourceClientId('chat', { command: 'send_event', requester_id: 'jo@acme.example' })).toBeUndefined();
    expect(eventSourceClientId('customer', { command: 'update_customer', requester_id: 'cust-1' })).toBeUndefined();
    expect(eventSourceClientId('organization', { requester_id: 'jo@acme.example' })).toBeUndefined();
  });

  it('is Switchboard (null) for the router: its own requester, and its assignments and reassignments naming the agent', () => {
    expect(eventSourceClientId('chat', { command: 'add_system_message', requester_id: 'router' })).toBeNull();
    expect(eventSourceClientId('chat', { command: 'assign_agent', requester_id: 'jo@acme.example' })).toBeNull();
    expect(eventSourceClientId('chat', { command: 'reassign_chat', requester_id: 'router' })).toBeNull();
  });

  it('is Switchboard (null) for a configuration or customer change nobody asked for', () => {
    expect(eventSourceClientId('agent', {})).toBeNull();
    expect(eventSourceClientId('customer', { command: 'display_greeting' })).toBeNull();
  });
});
