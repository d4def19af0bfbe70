import { decideRouting, groupStatus, RoutingCandidate } from './routing-decision';

const agent = (id: string, changes: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  id,
  routing_status: 'accepting_chats',
  max_chats_count: 2,
  active_chats: 0,
  groups: [{ id: 0, priority: 'normal' }],
  ...changes,
});

describe('routing decision', () => {
  it('gives a new chat to the least loaded accepting agent of the group, the one assigned longest ago on a tie', () => {
    const agents = [
      agent('busy', { active_chats: 1, groups: [{ id: 1, priority: 'normal' }] }),
      agent('recent', { last_assigned_at: '2026-01-01T10:00:00Z', groups: [{ id: 1, priority: 'normal' }] }),
      agent('earlier', { last_assigned_at: '2026-01-01T09:00:00Z', groups: [{ id: 1, priority: 'normal' }] }),
      agent('elsewhere', { groups: [{ id: 2, priority: 'normal' }] }),
    ];
    const decision = decideRouting(agents, [1]);
    expect(decision.kind).toBe('assign');
    expect(decision.kind === 'assign' && decision.ranked.map((a) => a.id)).toEqual(['earlier', 'recent', 'busy']);
  });

  it('never picks supervisors or agents not accepting chats', () => {
    const agents = [
      agent('supervisor', { groups: [{ id: 1, priority: 'supervisor' }] }),
      agent('away', { routing_status: 'not_accepting_chats', groups: [{ id: 1, priority: 'normal' }] }),
    ];
    expect(decideRouting(agents, [1])).toEqual({ kind: 'offline' });
    expect(groupStatus(agents, 1)).toBe('offline');
  });

  it('queues when every accepting agent is full, and says so as online_for_queue unless queues are off', () => {
    const agents = [agent('full', { active_chats: 2 })];
    expect(decideRouting(agents, [0])).toMatchObject({ kind: 'queue', agent: { id: 'full' } });
    expect(groupStatus(agents, 0)).toBe('online_for_queue');
    expect(groupStatus(agents, 0, false)).toBe('offline');
    expect(groupStatus([agent('free', { active_chats: 1 })], 0)).toBe('online');
  });
});
