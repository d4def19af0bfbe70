import { capacityViolations, doubleAssignments, endStateViolations, finalState, LoggedEvent } from './routing-concurrency.invariants';

let position = 0;
const T = Date.parse('2024-05-01T10:00:00Z');
const logged = (stream: string, type: string, data: Record<string, unknown>, options: { tx?: string; at?: number; command?: string } = {}): LoggedEvent => {
  position++;
  return { global_position: position, transaction_id: options.tx ?? `tx${position}`, stream_id: stream, type, data, metadata: { command: options.command ?? 'assign_agent' }, created_at: options.at ?? T + position * 10_000 };
};
const started = (chat: string) => logged(`chat-${chat}`, 'thread_started', { thread_id: `${chat}-t`, active: true });
const assigned = (chat: string, agent: string, options = {}) => logged(`chat-${chat}`, 'user_added', { thread_id: `${chat}-t`, user: { id: agent, type: 'agent' }, reason: 'assigned' }, options);
const closed = (chat: string, agents: string[], options = {}) => logged(`chat-${chat}`, 'thread_deactivated', { thread_id: `${chat}-t`, agent_ids: agents }, options);
const status = (agent: string, value: string, options = {}) => logged(`agent-${agent}`, 'routing_status_set', { agent_id: agent, status: value }, options);
const max = new Map([['ann', 1]]);

describe('router invariants read from the event log', () => {
  it('finds an agent seated past max_chats_count', () => {
    expect(capacityViolations([started('A'), assigned('A', 'ann'), started('B'), assigned('B', 'ann')], max)).toEqual([expect.stringContaining('ann held 2 chats (max 1)')]);
    expect(capacityViolations([started('A'), assigned('A', 'ann'), closed('A', ['ann']), started('B'), assigned('B', 'ann')], max)).toEqual([]);
  });

  it('excuses an excess only by a release of an overlapping transaction logged after it', () => {
    const at = T + 1_000_000;
    const log = [started('A'), assigned('A', 'ann'), started('B'), assigned('B', 'ann', { at }), closed('A', ['ann'], { at: at + 200 })];
    expect(capacityViolations(log, max)).toEqual([]);
    const late = [started('A'), assigned('A', 'ann'), started('B'), assigned('B', 'ann', { at }), closed('A', ['ann'], { at: at + 5000 })];
    expect(capacityViolations(late, max)).toHaveLength(1);
  });

  it('finds a thread the router assigned while an agent still had it', () => {
    expect(doubleAssignments([started('A'), assigned('A', 'ann'), assigned('A', 'bob')])).toEqual([expect.stringContaining('chat-A assigned to bob')]);
    expect(doubleAssignments([started('A'), assigned('A', 'ann'), logged('chat-A', 'user_removed', { user_id: 'ann', user_type: 'agent', thread_id: 'A-t' }), assigned('A', 'bob')])).toEqual([]);
  });

  it('finds a lost chat, one waiting while a seat is free, and one left with an agent offline past the grace period', () => {
    const log = [status('ann', 'accepting_chats'), started('A'), assigned('A', 'ann'), status('ann', 'offline', { at: T }), started('B')];
    const state = finalState(log);
    expect(state.queued).toEqual(new Set(['B']));
    expect(endStateViolations(state, ['A', 'B', 'C'], new Map([['ann', 2]]), T + 60_000, 10_000)).toEqual([
      'chat C is not in the log',
      'chat A stays with ann, offline for 60 s',
    ]);
    const free = finalState([status('ann', 'accepting_chats'), started('B')]);
    expect(endStateViolations(free, ['B'], new Map([['ann', 2]]), T, 10_000)).toEqual([expect.stringContaining('1 chats wait while ann')]);
    expect(endStateViolations(state, ['A', 'B'], new Map([['ann', 2]]), T + 5_000, 10_000)).toEqual([]);
  });
});
