/**
 * The router's invariants, checked from the event log alone (issue 11 item 6).
 * Pure: the rows of `events` of one organization come in, violations go out.
 */

export interface LoggedEvent {
  global_position: number;
  transaction_id: string;
  stream_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** When its transaction began (ms). */
  created_at: number;
}

export interface FinalState {
  /** Chats whose last thread is active and has a present agent, by chat id → agent ids. */
  assigned: Map<string, string[]>;
  /** Chats whose last thread is active with nobody assigned. */
  queued: Set<string>;
  closed: Set<string>;
  /** Every agent's last routing status. */
  status: Map<string, string>;
  /** When the agent last went offline (ms), for those who are offline. */
  offlineSince: Map<string, number>;
  seats: Map<string, number>;
}

/** A release logged after an assignment may have taken the seat's lock first: transactions that began this close overlap. */
const OVERLAP_MS = 1000;

interface Seat {
  event: LoggedEvent;
  agentId: string;
  delta: number;
}

function seatChanges(event: LoggedEvent): Seat[] {
  const d = event.data;
  if (event.type === 'user_added' && (d.user as { type: string }).type === 'agent') return [{ event, agentId: (d.user as { id: string }).id, delta: 1 }];
  if (event.type === 'user_removed' && d.user_type === 'agent' && d.thread_id) return [{ event, agentId: d.user_id as string, delta: -1 }];
  if (event.type === 'thread_deactivated') return (d.agent_ids as string[]).map((agentId) => ({ event, agentId, delta: -1 }));
  return [];
}

/**
 * No agent ever holds more than `max_chats_count` chats: seats replayed in log
 * order. Global positions are taken when events are written and seats are
 * locked after, so a release committed just before an assignment may carry a
 * higher position: an excess is excused only by such an overlapping release.
 */
export function capacityViolations(events: readonly LoggedEvent[], maxChats: ReadonlyMap<string, number>): string[] {
  const changes = events.flatMap(seatChanges);
  const seats = new Map<string, number>();
  const violations: string[] = [];
  changes.forEach((change, i) => {
    const held = (seats.get(change.agentId) ?? 0) + change.delta;
    seats.set(change.agentId, held);
    const max = maxChats.get(change.agentId) ?? Infinity;
    if (change.delta <= 0 || held <= max) return;
    const overlapping = changes
      .slice(i + 1)
      .filter((c) => c.agentId === change.agentId && c.delta < 0 && c.event.transaction_id !== change.event.transaction_id)
      .filter((c) => c.event.created_at <= change.event.created_at + OVERLAP_MS).length;
    if (held - overlapping > max) violations.push(`${change.agentId} held ${held} chats (max ${max}) at position ${change.event.global_position}`);
  });
  return violations;
}

/** No thread is assigned twice: the router never adds an agent to a thread that already has one present. */
export function doubleAssignments(events: readonly LoggedEvent[]): string[] {
  const present = new Map<string, Set<string>>();
  const violations: string[] = [];
  for (const event of events) {
    if (!event.stream_id.startsWith('chat-')) continue;
    const agents = present.get(event.stream_id) ?? new Set<string>();
    present.set(event.stream_id, agents);
    const d = event.data;
    if (event.type === 'user_added' && (d.user as { type: string }).type === 'agent') {
      const id = (d.user as { id: string }).id;
      if (event.metadata.command === 'assign_agent' && agents.size > 0) {
        violations.push(`${event.stream_id} assigned to ${id} at position ${event.global_position} while ${[...agents].join(', ')} had it`);
      }
      agents.add(id);
    }
    if (event.type === 'user_removed' && d.user_type === 'agent') agents.delete(d.user_id as string);
    if (event.type === 'thread_deactivated') agents.clear();
  }
  return violations;
}

/** Where every chat and agent ended, folded from the log. */
export function finalState(events: readonly LoggedEvent[]): FinalState {
  const state: FinalState = { assigned: new Map(), queued: new Set(), closed: new Set(), status: new Map(), offlineSince: new Map(), seats: new Map() };
  const chats = new Map<string, { active: boolean; agents: Set<string> }>();
  for (const event of events) {
    for (const change of seatChanges(event)) state.seats.set(change.agentId, (state.seats.get(change.agentId) ?? 0) + change.delta);
    if (event.type === 'routing_status_set') {
      const { agent_id: agentId, status } = event.data as { agent_id: string; status: string };
      if (status === 'offline' && state.status.get(agentId) !== 'offline') state.offlineSince.set(agentId, event.created_at);
      if (status !== 'offline') state.offlineSince.delete(agentId);
      state.status.set(agentId, status);
    }
    if (!event.stream_id.startsWith('chat-')) continue;
    const chatId = event.stream_id.slice('chat-'.length);
    const chat = chats.get(chatId) ?? { active: false, agents: new Set<string>() };
    chats.set(chatId, chat);
    const d = event.data;
    if (event.type === 'thread_started') chat.active = Boolean(d.active);
    if (event.type === 'thread_deactivated') {
      chat.active = false;
      chat.agents.clear();
    }
    if (event.type === 'user_added' && (d.user as { type: string }).type === 'agent') chat.agents.add((d.user as { id: string }).id);
    if (event.type === 'user_removed' && d.user_type === 'agent') chat.agents.delete(d.user_id as string);
  }
  for (const [chatId, chat] of chats) {
    if (!chat.active) state.closed.add(chatId);
    else if (chat.agents.size > 0) state.assigned.set(chatId, [...chat.agents]);
    else state.queued.add(chatId);
  }
  return state;
}

/**
 * Where the chats ended: every chat a customer started is in the log; none
 * waits while an accepting agent has a free seat (lost); none stays with an
 * agent offline longer than the grace period.
 */
export function endStateViolations(state: FinalState, started: readonly string[], maxChats: ReadonlyMap<string, number>, now: number, graceMs: number): string[] {
  const violations: string[] = [];
  for (const chatId of started) {
    if (!state.assigned.has(chatId) && !state.queued.has(chatId) && !state.closed.has(chatId)) violations.push(`chat ${chatId} is not in the log`);
  }
  const free = [...state.status].filter(([agentId, status]) => status === 'accepting_chats' && (state.seats.get(agentId) ?? 0) < (maxChats.get(agentId) ?? 0));
  if (state.queued.size > 0 && free.length > 0) {
    violations.push(`${state.queued.size} chats wait while ${free.map(([id]) => id).join(', ')} accept chats with a free seat`);
  }
  for (const [chatId, agents] of state.assigned) {
    for (const agentId of agents) {
      const since = state.offlineSince.get(agentId);
      if (since !== undefined && now - since > graceMs) violations.push(`chat ${chatId} stays with ${agentId}, offline for ${Math.round((now - since) / 1000)} s`);
    }
  }
  return violations;
}
