import { ChatToRoute, decideRouting, GroupPriority, groupStatus, groupsWithFreeSeats, priorityFor, routeKey, RoutingCandidate } from './routing-decision';
import { DEFAULT_ROUTING_SETTINGS, RoutingSettings } from './routing-settings';

const member = (id: string, priority: GroupPriority = 'normal', changes: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  id,
  routing_status: 'accepting_chats',
  max_chats_count: 2,
  active_chats: 0,
  groups: [{ id: 1, priority }],
  ...changes,
});
const settings = (changes: Partial<RoutingSettings>): RoutingSettings => ({ ...DEFAULT_ROUTING_SETTINGS, ...changes });
const group1 = { group_ids: [1] };
const assigned = (candidates: RoutingCandidate[], chat: ChatToRoute = group1, s = DEFAULT_ROUTING_SETTINGS) => {
  const decision = decideRouting(candidates, chat, s);
  return decision.kind === 'assign' ? decision.agent.id : decision.kind;
};

describe('routing decision', () => {
  describe('priorities', () => {
    it('given a first bot and normal agents with free seats, when a chat arrives, then the first bot gets it', () => {
      const candidates = [member('alice'), member('bot', 'first', { is_bot: true, active_chats: 1 }), member('bob')];
      expect(assigned(candidates)).toBe('bot');
    });

    it('given every first member full, when a chat arrives, then a normal member gets it', () => {
      expect(assigned([member('bot', 'first', { active_chats: 2 }), member('alice')])).toBe('alice');
    });

    it('given a normal member with a free seat, when a chat arrives, then a last member waits even when less loaded', () => {
      expect(assigned([member('late', 'last'), member('alice', 'normal', { active_chats: 1 })])).toBe('alice');
    });

    it('given every first and normal member full, when a chat arrives, then a last member gets it', () => {
      expect(assigned([member('bot', 'first', { active_chats: 2 }), member('alice', 'normal', { active_chats: 2 }), member('late', 'last')])).toBe('late');
    });

    it('given only a supervisor accepts chats, when a chat arrives, then nobody is assigned and the group is offline', () => {
      const candidates = [member('sup', 'supervisor')];
      expect(assigned(candidates)).toBe('offline');
      expect(groupStatus(candidates, 1)).toBe('offline');
    });

    it('given a member of several of the chat’s groups, then its best priority among them counts', () => {
      const candidate = member('alice', 'last', { groups: [{ id: 1, priority: 'last' }, { id: 2, priority: 'first' }, { id: 3, priority: 'supervisor' }] });
      expect(priorityFor(candidate, [1, 2])).toBe('first');
      expect(priorityFor(candidate, [1, 3])).toBe('last');
      expect(priorityFor(candidate, [4])).toBeUndefined();
    });

    it('given a chat of group 0, then agents without an entry there are normal and bots have their default_group_priority', () => {
      expect(priorityFor(member('alice', 'last'), [0])).toBe('normal');
      expect(priorityFor(member('bot', 'normal', { is_bot: true, default_group_priority: 'first' }), [0])).toBe('first');
      expect(priorityFor(member('sup', 'normal', { groups: [{ id: 0, priority: 'supervisor' }] }), [0])).toBe('supervisor');
      const candidates = [member('alice'), member('bot', 'normal', { is_bot: true, default_group_priority: 'first', active_chats: 1 })];
      expect(assigned(candidates, { group_ids: [0] })).toBe('bot');
    });

    it('ranks every free candidate, higher tiers first, so the router can fall back when a seat goes meanwhile', () => {
      const decision = decideRouting([member('late', 'last'), member('alice'), member('bot', 'first'), member('full', 'normal', { active_chats: 2 })], group1);
      expect(decision.kind === 'assign' && decision.ranked.map((c) => c.id)).toEqual(['bot', 'alice', 'late']);
    });
  });

  describe('round-robin fairness within a tier', () => {
    it('given members with different loads, then the least loaded gets the chat, and on a tie the one assigned longest ago (never first)', () => {
      const candidates = [
        member('busy', 'normal', { active_chats: 1 }),
        member('recent', 'normal', { last_assigned_at: '2026-01-01T10:00:00Z' }),
        member('earlier', 'normal', { last_assigned_at: '2026-01-01T09:00:00Z' }),
        member('elsewhere', 'normal', { groups: [{ id: 2, priority: 'normal' }] }),
      ];
      const decision = decideRouting(candidates, group1);
      expect(decision.kind === 'assign' && decision.ranked.map((a) => a.id)).toEqual(['earlier', 'recent', 'busy']);
      expect(assigned([...candidates, member('never', 'normal', { last_assigned_at: null })])).toBe('never');
    });

    it('given chats assigned one by one, then everyone gets one before anyone gets two', () => {
      const candidates = ['a', 'b', 'c'].map((id) => member(id, 'normal', { max_chats_count: 3 }));
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        const decision = decideRouting(candidates, group1);
        if (decision.kind !== 'assign') throw new Error(decision.kind);
        decision.agent.active_chats += 1;
        decision.agent.last_assigned_at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        order.push(decision.agent.id);
      }
      expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    });
  });

  describe('statuses and seats', () => {
    it('given agents not accepting chats, then they are never picked', () => {
      expect(assigned([member('away', 'normal', { routing_status: 'not_accepting_chats' }), member('gone', 'normal', { routing_status: 'offline' })])).toBe('offline');
    });

    it('given every accepting member full, then the chat is queued and the group online_for_queue', () => {
      const candidates = [member('full', 'normal', { active_chats: 2 })];
      expect(decideRouting(candidates, group1)).toMatchObject({ kind: 'queue', reason: 'full', agent: { id: 'full' } });
      expect(groupStatus(candidates, 1)).toBe('online_for_queue');
      expect(groupStatus([member('free', 'normal', { active_chats: 1 })], 1)).toBe('online');
    });

    it('given every seat taken and queues off, then the chat cannot be taken and the group is offline', () => {
      const off = settings({ queue_enabled: false });
      expect(decideRouting([member('full', 'normal', { active_chats: 2 })], group1, off)).toEqual({ kind: 'unavailable' });
      expect(groupStatus([member('full', 'normal', { active_chats: 2 })], 1, off)).toBe('offline');
    });
  });

  describe('chat properties', () => {
    it('given routing.ignore_bots, when a first bot is free, then the normal agent gets the chat', () => {
      const candidates = [member('bot', 'first', { is_bot: true }), member('alice')];
      expect(assigned(candidates, { group_ids: [1], ignore_bots: true })).toBe('alice');
      expect(assigned([member('bot', 'first', { is_bot: true })], { group_ids: [1], ignore_bots: true })).toBe('offline');
    });

    it('given routing.ignore_agents_routing, then nobody is assigned automatically', () => {
      expect(decideRouting([member('alice')], { group_ids: [1], ignore_agents_routing: true })).toEqual({ kind: 'not_routed' });
    });
  });

  describe('prefer_recent_agent', () => {
    const returning = { group_ids: [1], recent_agent_id: 'bob' };
    const candidates = () => [member('alice'), member('bob', 'normal', { active_chats: 1 })];

    it('given the setting on and the customer’s last agent accepting with a free seat, then that agent gets the chat', () => {
      const decision = decideRouting(candidates(), returning, settings({ prefer_recent_agent: true }));
      expect(decision).toMatchObject({ kind: 'assign', reason: 'recent_agent', agent: { id: 'bob' } });
      expect(decision.kind === 'assign' && decision.ranked.map((c) => c.id)).toEqual(['bob', 'alice']);
    });

    it('given the setting off, then the usual order holds', () => {
      expect(assigned(candidates(), returning)).toBe('alice');
    });

    it('given the last agent full, not accepting, or a supervisor of the group, then the usual order holds', () => {
      const on = settings({ prefer_recent_agent: true });
      expect(assigned([member('alice'), member('bob', 'normal', { active_chats: 2 })], returning, on)).toBe('alice');
      expect(assigned([member('alice'), member('bob', 'normal', { routing_status: 'not_accepting_chats' })], returning, on)).toBe('alice');
      expect(assigned([member('alice'), member('bob', 'supervisor')], returning, on)).toBe('alice');
    });

    it('given the last agent is a normal member, then it wins even over a free first bot', () => {
      expect(assigned([member('bot', 'first', { is_bot: true }), member('bob')], returning, settings({ prefer_recent_agent: true }))).toBe('bob');
    });
  });

  describe('manual routing', () => {
    const manual = settings({ manual_routing: true });

    it('given manual routing, when a chat arrives, then it waits and every eligible accepting agent is told', () => {
      const candidates = [member('alice'), member('bob', 'last', { active_chats: 2 }), member('sup', 'supervisor'), member('away', 'normal', { routing_status: 'not_accepting_chats' })];
      const decision = decideRouting(candidates, group1, manual);
      expect(decision.kind === 'queue' && decision.reason).toBe('manual_routing');
      expect(decision.kind === 'queue' && decision.reason === 'manual_routing' && decision.notify.map((c) => c.id)).toEqual(['alice', 'bob']);
    });

    it('given manual routing, then the group is online while someone could pick a chat, online_for_queue when all are full', () => {
      expect(groupStatus([member('alice')], 1, manual)).toBe('online');
      expect(groupStatus([member('alice', 'normal', { active_chats: 2 })], 1, manual)).toBe('online_for_queue');
      expect(groupStatus([member('sup', 'supervisor')], 1, manual)).toBe('offline');
    });
  });

  describe('what a routing pass may skip', () => {
    it('given members with and without free seats, then only groups where a non-supervisor accepting member has a free seat are open', () => {
      const candidates = [
        member('full', 'normal', { active_chats: 2, groups: [{ id: 1, priority: 'normal' }] }),
        member('sup', 'supervisor', { groups: [{ id: 2, priority: 'supervisor' }, { id: 0, priority: 'supervisor' }] }),
        member('away', 'normal', { routing_status: 'not_accepting_chats', groups: [{ id: 4, priority: 'normal' }] }),
        member('free', 'last', { groups: [{ id: 3, priority: 'last' }] }),
      ];
      expect(groupsWithFreeSeats(candidates)).toEqual([0, 3]);
      expect(groupsWithFreeSeats([candidates[0], candidates[1]])).toEqual([]);
    });

    it('given two chats of the same groups and flags, then they share a route key; different flags do not', () => {
      expect(routeKey({ group_ids: [1, 2], recent_agent_id: 'a' })).toBe(routeKey({ group_ids: [1, 2] }));
      expect(routeKey({ group_ids: [1], ignore_bots: true })).not.toBe(routeKey({ group_ids: [1] }));
    });
  });
});
