import { ChatEventRecord, ChatMember, ChatState, ThreadState, withButtonUsers } from '@switchboard/chat/domain';
import { ChatRecord, ReadModels } from '@switchboard/read-models';

/** Agent view (Agent Chat API) or customer view (Customer Chat API, no agent-only data). */
export type View = 'agent' | 'customer';

type Json = Record<string, unknown>;

/** Who the users of a chat are (names, avatars), looked up once per response. */
export class UserDirectory {
  private constructor(
    private readonly agents: Map<string, Json>,
    private readonly customers: Map<string, Json>,
  ) {}

  static load(readModels: ReadModels, organizationId: string, states: ChatState[]): Promise<UserDirectory> {
    return UserDirectory.forMembers(readModels, organizationId, states.flatMap((s) => s.users));
  }

  static async forMembers(readModels: ReadModels, organizationId: string, users: ChatMember[]): Promise<UserDirectory> {
    const agentIds = [...new Set(users.filter((u) => u.type === 'agent').map((u) => u.id))];
    const customerIds = [...new Set(users.filter((u) => u.type === 'customer').map((u) => u.id))];
    const [agents, customers] = await Promise.all([
      agentIds.length ? readModels.agents(organizationId, { ids: agentIds }) : Promise.resolve([]),
      readModels.customers(organizationId, customerIds),
    ]);
    return new UserDirectory(new Map(agents.map((a) => [a.profile.id, a.profile as unknown as Json])), customers);
  }

  user(member: ChatMember, view: View): Json {
    const base: Json = { id: member.id, type: member.type };
    if (member.type === 'agent') {
      const profile = this.agents.get(member.id) ?? {};
      base.name = profile.name ?? member.id;
      if (view === 'agent') base.email = member.id;
      if (profile.avatar) base.avatar = profile.avatar;
      if (view === 'customer' && profile.job_title) base.job_title = profile.job_title;
    } else {
      const customer = this.customers.get(member.id) ?? {};
      for (const key of ['name', 'email', 'avatar']) if (customer[key]) base[key] = customer[key];
    }
    base.present = member.present;
    if (member.events_seen_up_to) base.events_seen_up_to = member.events_seen_up_to;
    if (view === 'agent' && member.type === 'agent') base.visibility = member.visibility;
    return base;
  }

  /** The chat's users; customers never see agents added for agents only. */
  users(state: ChatState, view: View): Json[] {
    return state.users.filter((u) => view === 'agent' || u.visibility === 'all').map((u) => this.user(u, view));
  }
}

/** Customers never see agent-only events, nor the `visibility` field. */
export function wireEvent(event: ChatEventRecord, view: View): Json | undefined {
  if (view === 'agent') return event;
  if (event.visibility !== 'all') return undefined;
  const { visibility: _hidden, ...rest } = event;
  return rest;
}

/** What the queues add to a thread as read (ADR 0038): its place while queued, and the seconds it spent queued. */
export interface ThreadQueueView {
  queue?: { position: number; wait_time: number; queued_at: string };
  queues_duration?: number;
}

/** A chat may be queued when its latest thread is active and no agent is in it. */
export const mayBeQueued = (state: ChatState): boolean =>
  Boolean(state.threads.at(-1)?.active) && !state.users.some((u) => u.type === 'agent' && u.present);

/** The queue fields of `thread`: its place from `queues` (by chat id) while it is that chat's queued thread, its seconds queued from the row. */
export function threadQueueView(
  state: ChatState,
  thread: ThreadState,
  queues: ReadonlyMap<string, ThreadQueueView['queue'] & { thread_id: string }> | undefined,
  durations: Record<string, number> | undefined,
): ThreadQueueView {
  const placed = queues?.get(state.id);
  const view: ThreadQueueView = {};
  if (placed && placed.thread_id === thread.id) view.queue = { position: placed.position, wait_time: placed.wait_time, queued_at: placed.queued_at };
  if (durations?.[thread.id] !== undefined) view.queues_duration = durations[thread.id];
  return view;
}

export function wireThread(state: ChatState, thread: ThreadState, events: ChatEventRecord[], view: View, queued: ThreadQueueView = {}): Json {
  const index = state.threads.findIndex((t) => t.id === thread.id);
  const wire: Json = {
    id: thread.id,
    active: thread.active,
    user_ids: thread.user_ids,
    events: events.map((e) => wireEvent(withButtonUsers(state, e), view)).filter(Boolean),
    properties: thread.properties,
    access: thread.access,
    created_at: thread.created_at,
  };
  if (view === 'agent' && thread.tags?.length) wire.tags = thread.tags;
  if (queued.queue) wire.queue = queued.queue;
  if (view === 'agent' && queued.queues_duration !== undefined) wire.queues_duration = queued.queues_duration;
  if (index > 0) wire.previous_thread_id = state.threads[index - 1].id;
  if (index >= 0 && index < state.threads.length - 1) wire.next_thread_id = state.threads[index + 1].id;
  return wire;
}

/** `get_chat` / `incoming_chat`: the chat with one thread. */
export function wireChat(
  state: ChatState,
  thread: ThreadState | undefined,
  events: ChatEventRecord[],
  directory: UserDirectory,
  view: View,
  queued: ThreadQueueView = {},
): Json {
  const chat: Json = { id: state.id };
  if (thread) chat.thread = wireThread(state, thread, events, view, queued);
  chat.users = directory.users(state, view);
  chat.properties = state.properties;
  chat.access = state.access;
  if (view === 'agent') chat.is_followed = false;
  return chat;
}

function lastEvents(map: ChatRecord['last_event_per_type'], view: View): Json {
  return Object.fromEntries(
    Object.entries(map).map(([type, entry]) => [
      type,
      { ...entry, event: wireEvent(entry.event as ChatEventRecord, view) },
    ]),
  );
}

/** A chat summary of `list_chats` (and the agent `login`). */
export function wireSummary(record: ChatRecord, directory: UserDirectory, view: View, queued: ThreadQueueView = {}): Json {
  const { state } = record;
  const last = state.threads[state.threads.length - 1];
  if (view === 'customer') {
    const summary: Json = { id: state.id };
    if (last) {
      summary.last_thread_id = last.id;
      summary.last_thread_created_at = last.created_at;
    }
    summary.last_event_per_type = lastEvents(record.customer_last_event_per_type, view);
    summary.users = directory.users(state, view);
    summary.access = state.access;
    summary.properties = state.properties;
    summary.active = Boolean(last?.active);
    return summary;
  }
  const summary: Json = { id: state.id, users: directory.users(state, view) };
  if (last) {
    summary.last_thread_summary = {
      id: last.id,
      created_at: last.created_at,
      user_ids: last.user_ids,
      properties: last.properties,
      active: last.active,
      access: last.access,
      ...(queued.queue && { queue: queued.queue }),
    };
  }
  summary.last_event_per_type = lastEvents(record.last_event_per_type, view);
  summary.properties = state.properties;
  summary.access = state.access;
  summary.is_followed = false;
  return summary;
}
