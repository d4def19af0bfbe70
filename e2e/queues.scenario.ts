import { callWeb, Frame, RtmClient } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { customerSession } from './customer-wire.scenario';

export interface QueueUrls {
  configuration: string;
  customer: string;
  agent: string;
}

const PUSH_WAIT_MS = 30_000;
/** A queue timeout of one minute, at the ROUTING_MINUTE_MS the deployment runs with, plus the router's sweep (5 s) and a loaded machine. */
const ARCHIVE_WAIT_MS = 45_000;

async function customer(url: string, organizationId: string) {
  const token = await customerToken(url, organizationId);
  const client = await RtmClient.connect(url, 'customer', organizationId);
  expect(await client.request('login', { token: `Bearer ${token.access_token}` })).toMatchObject({ success: true });
  return { client, id: token.entity_id };
}

async function startChat(client: RtmClient): Promise<{ chat_id: string; thread_id: string }> {
  const started = await client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hello?' }] } } });
  expect(started).toMatchObject({ success: true });
  return started.payload as { chat_id: string; thread_id: string };
}

const forChat = (chatId: string) => (f: Frame) => f.payload.chat_id === chatId;
const listing = (chatId: string) => (f: Frame) => (f.payload as Array<{ chat_id: string }>).some((e) => e.chat_id === chatId);

/**
 * Queues with positions (routing.md §5, ADR 0038), seen by the clients: the
 * owner is the only agent, with one seat. The first customer's chat takes
 * it; the next two are queued — each customer hears its position, the
 * owner one `queue_positions_updated` per pass — and `get_chat`,
 * `list_threads` and `list_chats` show `queue`. The queue (limit 2) is full:
 * a fourth customer is refused with `limit_reached` and the group shows
 * offline (a watching v3.5 visitor is pushed it, and `online_for_queue` again
 * once a place frees). The seat frees: the first in line is assigned (its thread keeps
 * `queues_duration`), the second moves up and hears it. Then nobody takes
 * it within `queue_timeout_min`: archived with `routing.archived_offline`,
 * no `user_id`. Without a queue a chat nobody can take is refused with
 * `groups_offline`. Another organization hears none of it.
 */
export async function checkQueues(urls: QueueUrls, adminToken: string, name: string): Promise<void> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, name);
  const configure = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: ownerToken });
  const agentWeb = (action: string, payload: unknown) => callWeb(urls.agent, 'agent', action, payload, { token: ownerToken });
  expect(await configure('switchboard_update_routing_settings', { settings: { queue_limit: 2, queue_timeout_min: 0 } })).toEqual({ status: 200, body: {} });

  const owner = await RtmClient.connect(urls.agent, 'agent');
  expect((await owner.request('login', { token: `Bearer ${ownerToken}`, away: true })).success).toBe(true);
  const [{ agent_id: ownerId }] = (await agentWeb('list_routing_statuses', {})).body as Array<{ agent_id: string }>;
  expect((await configure('update_agent', { id: ownerId, max_chats_count: 1 })).status).toBe(200);
  expect((await owner.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

  // A v3.5 visitor watching the group, not chatting: it hears the group go offline when the queue fills, and back.
  const watcher = await customerSession(urls.customer, organizationId, '3.5');
  const other = await createOrganization(urls.configuration, adminToken, `${name}Other`);
  const otherOwner = await RtmClient.connect(urls.agent, 'agent');
  expect((await otherOwner.request('login', { token: `Bearer ${other.ownerToken}` })).success).toBe(true);

  // The first chat takes the only seat.
  const first = await customer(urls.customer, organizationId);
  const firstChat = await startChat(first.client);
  await owner.nextPush('incoming_chat', (f) => f.payload.chat.id === firstChat.chat_id, PUSH_WAIT_MS);

  // The next two wait, in order; each customer hears where it stands, the owner hears of both.
  const second = await customer(urls.customer, organizationId);
  const secondChat = await startChat(second.client);
  const secondPosition = await second.client.nextPush('queue_position_updated', forChat(secondChat.chat_id), PUSH_WAIT_MS);
  expect(secondPosition.payload).toEqual({ chat_id: secondChat.chat_id, thread_id: secondChat.thread_id, queue: { position: 1, wait_time: expect.any(Number) } });
  expect((await owner.nextPush('queue_positions_updated', listing(secondChat.chat_id), PUSH_WAIT_MS)).payload).toEqual([
    { chat_id: secondChat.chat_id, thread_id: secondChat.thread_id, queue: { position: 1, wait_time: expect.any(Number) } },
  ]);
  const third = await customer(urls.customer, organizationId);
  const thirdChat = await startChat(third.client);
  const thirdPosition = await third.client.nextPush('queue_position_updated', forChat(thirdChat.chat_id), PUSH_WAIT_MS);
  expect(thirdPosition.payload.queue).toEqual({ position: 2, wait_time: expect.any(Number) });
  expect((await owner.nextPush('queue_positions_updated', listing(thirdChat.chat_id), PUSH_WAIT_MS)).payload).toEqual([
    { chat_id: thirdChat.chat_id, thread_id: thirdChat.thread_id, queue: { position: 2, wait_time: expect.any(Number) } },
  ]);

  // Where they stand, as the chat methods say it.
  const queueShape = (position: number) => ({ position, wait_time: expect.any(Number), queued_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) });
  const asCustomer = await second.client.request('get_chat', { chat_id: secondChat.chat_id });
  expect(asCustomer.payload.thread).toMatchObject({ id: secondChat.thread_id, queue: queueShape(1) });
  expect(asCustomer.payload.thread).not.toHaveProperty('queues_duration');
  const threads = await agentWeb('list_threads', { chat_id: thirdChat.chat_id });
  expect(threads.body.threads[0]).toMatchObject({ id: thirdChat.thread_id, queue: queueShape(2) });
  const summaries = (await agentWeb('list_chats', {})).body.chats_summary as Array<{ id: string; last_thread_summary: Record<string, unknown> }>;
  const summaryOf = (chatId: string) => summaries.find((s) => s.id === chatId)!.last_thread_summary;
  expect(summaryOf(secondChat.chat_id).queue).toEqual(queueShape(1));
  expect(summaryOf(thirdChat.chat_id).queue).toEqual(queueShape(2));
  expect(summaryOf(firstChat.chat_id)).not.toHaveProperty('queue');

  // The queue is full: a fourth customer cannot join it, and the group shows offline to newcomers.
  const fourth = await customer(urls.customer, organizationId);
  const refused = await fourth.client.request('start_chat', {});
  expect(refused).toMatchObject({ success: false, payload: { error: { type: 'limit_reached' } } });
  expect((await fourth.client.request('list_group_statuses', { all: true })).payload.groups_status).toEqual({ '0': 'offline' });
  expect(await fourth.client.request('get_predicted_agent', {})).toMatchObject({ success: false, payload: { error: { type: 'group_unavailable' } } });
  await watcher.client.nextPush('groups_status_updated', (f) => f.payload.groups[0]?.status === 'offline', PUSH_WAIT_MS);

  // The seat frees: the first in line is assigned, the second moves up — one push each side.
  expect(await owner.request('deactivate_chat', { id: firstChat.chat_id })).toMatchObject({ success: true });
  await owner.nextPush('incoming_chat', (f) => f.payload.chat.id === secondChat.chat_id, PUSH_WAIT_MS);
  expect((await third.client.nextPush('queue_position_updated', (f) => forChat(thirdChat.chat_id)(f) && f.payload.queue.position === 1, PUSH_WAIT_MS)).payload).toEqual({
    chat_id: thirdChat.chat_id,
    thread_id: thirdChat.thread_id,
    queue: { position: 1, wait_time: expect.any(Number) },
  });
  // A place in the queue is free again: the watching visitor hears it.
  await watcher.client.nextPush('groups_status_updated', (f) => f.payload.groups[0]?.status === 'online_for_queue', PUSH_WAIT_MS);
  const movedUp = await owner.nextPush('queue_positions_updated', listing(thirdChat.chat_id), PUSH_WAIT_MS);
  expect(movedUp.payload).toEqual([{ chat_id: thirdChat.chat_id, thread_id: thirdChat.thread_id, queue: { position: 1, wait_time: expect.any(Number) } }]);
  const assigned = await agentWeb('get_chat', { chat_id: secondChat.chat_id });
  expect(assigned.body.thread).not.toHaveProperty('queue');
  expect(assigned.body.thread.queues_duration).toEqual(expect.any(Number));
  expect(second.client.pushes.filter((f) => f.action === 'queue_position_updated')).toEqual([]);

  // Nobody takes the third within queue_timeout_min: archived by the router, no user_id.
  expect(await configure('switchboard_update_routing_settings', { settings: { queue_timeout_min: 1 } })).toEqual({ status: 200, body: {} });
  const archived = await third.client.nextPush('incoming_event', (f) => forChat(thirdChat.chat_id)(f) && f.payload.event.type === 'system_message', ARCHIVE_WAIT_MS);
  expect(archived.payload.event).toMatchObject({ system_message_type: 'routing.archived_offline', text: 'Chat archived due to no available agents' });
  expect((await third.client.nextPush('chat_deactivated', forChat(thirdChat.chat_id), PUSH_WAIT_MS)).payload).toEqual({ chat_id: thirdChat.chat_id, thread_id: thirdChat.thread_id });
  const closed = await agentWeb('list_threads', { chat_id: thirdChat.chat_id });
  expect(closed.body.threads[0]).toMatchObject({ id: thirdChat.thread_id, active: false, queues_duration: expect.any(Number) });
  expect(closed.body.threads[0]).not.toHaveProperty('queue');
  expect(closed.body.threads[0].queues_duration).toBeGreaterThanOrEqual(1);
  // Archived once: one system message, whatever number of routers and sweeps.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  const events = (await agentWeb('get_chat', { chat_id: thirdChat.chat_id })).body.thread.events as Array<{ type: string }>;
  expect(events.filter((e) => e.type === 'system_message')).toHaveLength(1);

  // No queue at all: a chat nobody can take now has nowhere to go.
  expect(await configure('switchboard_update_routing_settings', { settings: { queue_enabled: false } })).toEqual({ status: 200, body: {} });
  expect(await fourth.client.request('start_chat', {})).toMatchObject({ success: false, payload: { error: { type: 'groups_offline' } } });

  // The other organization heard nothing of these queues.
  expect(otherOwner.pushes.filter((f) => f.action.startsWith('queue_'))).toEqual([]);
  for (const client of [owner, otherOwner, watcher.client, first.client, second.client, third.client, fourth.client]) client.close();
}
