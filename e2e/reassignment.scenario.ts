import { RtmClient, sleep, waitFor } from '@switchboard/testing';
import { rtmLogin } from './identity.scenario';
import { customerWithChat, MembershipUrls, Office, online, openOffice } from './membership.scenario';

type Frame = Awaited<ReturnType<RtmClient['request']>>;
type Customer = Awaited<ReturnType<typeof customerWithChat>>;

/** A routing-timer minute in these tests (ROUTING_MINUTE_MS): transfer_chat_after_min 1 = 3 s. */
export const TEST_ROUTING_MINUTE_MS = 3000;
const RECONNECT_GRACE_S = 6;
const AWAY_MS = 2000;

const systemMessage = (frame: Frame) => ({
  type: frame.payload.event.system_message_type,
  text: frame.payload.event.text,
  text_vars: frame.payload.event.text_vars,
});

const routing = (office: Office, settings: Record<string, unknown>) => office.config('switchboard_update_routing_settings', { settings });

/** Who holds the chat now (present agents, as the administrator reads it). */
async function holders(office: Office, chatId: string): Promise<string[]> {
  const chat = (await office.agentWeb(office.team.tokens.admin, 'get_chat', { chat_id: chatId })).body;
  return chat.users.filter((u: { type: string; present: boolean }) => u.type === 'agent' && u.present).map((u: { id: string }) => u.id);
}

/** The customer hears the agent leave, the next join, the system message and chat_transferred; returns the message. */
async function customerHearsTransfer(customer: Customer, from: string, to: string, type: string): Promise<Frame> {
  const { rtm, chatId } = customer;
  expect((await rtm.nextPush('user_removed_from_chat', (f) => f.payload.user_id === from, 30_000)).payload.chat_id).toBe(chatId);
  expect((await rtm.nextPush('user_added_to_chat', (f) => f.payload.user.id === to, 30_000)).payload.reason).toBe('assigned');
  const transferred = await rtm.nextPush('chat_transferred', (f) => f.payload.chat_id === chatId, 30_000);
  expect(transferred.payload.transferred_to.agent_ids).toEqual([to]);
  return rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === type, 30_000);
}

/**
 * Chats are never stranded (routing.md §4, ADR 0039), seen by the customer
 * and both agents: an assignee silent for transfer_chat_after_min hands the
 * chat on; an agent who signs out or is deleted loses their chats to the next
 * agent, or the customer is queued; an agent who only reconnects within the
 * grace period keeps the chat.
 */
export async function checkReassignment(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { team } = office;
  const { ids, tokens } = team;
  const [first, last] = [urls.agent[0], urls.agent[urls.agent.length - 1]];
  expect((await routing(office, { transfer_chat_after_min: 1, reconnect_grace_s: 1 })).status).toBe(200);

  // Max takes the chat, then stays silent; Sam starts accepting.
  const max = await online(first, tokens.normal, 'accepting_chats');
  const sam = await online(last, tokens.other, 'not_accepting_chats');
  const cate = await customerWithChat(office, 'Cate');
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId, 30_000);
  expect((await sam.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  expect((await max.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);

  // One "minute" later the chat is Sam's: Sam gets incoming_chat (from Max), Max and the customer hear why.
  const samIncoming = await sam.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId, 40_000);
  expect(samIncoming.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [ids.normal] });
  const maxTransferred = await max.nextPush('chat_transferred', (f) => f.payload.chat_id === cate.chatId, 30_000);
  expect(maxTransferred.payload).toEqual({ chat_id: cate.chatId, thread_id: cate.threadId, reason: 'inactive', transferred_to: { group_ids: [0], agent_ids: [ids.other] } });
  expect((await max.nextPush('user_removed_from_chat', (f) => f.payload.chat_id === cate.chatId, 30_000)).payload).toEqual({
    chat_id: cate.chatId,
    thread_id: cate.threadId,
    user_id: ids.normal,
    reason: 'inactive',
  });
  const inactive = await customerHearsTransfer(cate, ids.normal, ids.other, 'routing.assigned_inactive');
  expect(systemMessage(inactive)).toEqual({
    type: 'routing.assigned_inactive',
    text: "Chat assigned to other because normal hasn't replied in 1 minutes",
    text_vars: { agent_added: 'other', agent_removed: 'normal', duration: '1' },
  });
  expect(systemMessage(await max.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'routing.assigned_inactive', 30_000))).toEqual(systemMessage(inactive));
  expect(samIncoming.payload.chat.thread.events.map((e: { system_message_type?: string }) => e.system_message_type)).toContain('routing.assigned_inactive');
  expect(await holders(office, cate.chatId)).toEqual([ids.other]);
  // Sam answers: the chat stays with Sam. Silent chats are handed on no more from here.
  expect((await sam.request('send_event', { chat_id: cate.chatId, event: { type: 'message', text: 'Hi Cate, Sam here' } })).success).toBe(true);
  expect((await routing(office, { transfer_chat_after_min: 0 })).status).toBe(200);

  // Sam signs out (RTM logout): the chat goes to Max, who accepts again, at once.
  expect((await max.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  expect((await sam.request('logout', {})).success).toBe(true);
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId && f.payload.transferred_from?.agent_ids?.[0] === ids.other, 30_000);
  const signedOut = await customerHearsTransfer(cate, ids.other, ids.normal, 'routing.assigned_signed_out');
  expect(systemMessage(signedOut)).toEqual({
    type: 'routing.assigned_signed_out',
    text: 'Chat assigned to normal because other had signed out',
    text_vars: { agent_added: 'normal', agent_removed: 'other' },
  });

  // Max is deleted, and nobody else accepts chats: the customer is queued.
  expect((await max.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);
  expect((await office.config('delete_agent', { id: ids.normal })).status).toBe(200);
  const queued = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.system_message_type === 'routing.unassigned_deleted', 30_000);
  expect(systemMessage(queued)).toEqual({ type: 'routing.unassigned_deleted', text: 'Customer was queued because normal account has been deleted', text_vars: { agent: 'normal' } });
  const queuedTransfer = await cate.rtm.nextPush('chat_transferred', (f) => f.payload.chat_id === cate.chatId, 30_000);
  expect(queuedTransfer.payload.transferred_to).toEqual({ group_ids: [0] });
  expect(queuedTransfer.payload.queue).toMatchObject({ position: 1 });

  // The administrator comes online: the queued chat is theirs; their connection drops and comes back within the grace period.
  expect((await routing(office, { reconnect_grace_s: RECONNECT_GRACE_S })).status).toBe(200);
  const ada = await online(first, tokens.admin, 'accepting_chats');
  await ada.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId, 30_000);
  ada.close();
  await ada.closed;
  await waitFor(async () => (await office.agentWeb(tokens.owner, 'list_routing_statuses', {})).body.find((s: { agent_id: string }) => s.agent_id === ids.admin)?.status === 'offline', 20_000, 100);
  // Away for a while (long enough for the router to have moved the chat without a grace period), then back.
  await sleep(AWAY_MS);
  const back = await rtmLogin(last, tokens.admin);
  expect(back.pushes.filter((f) => f.action === 'user_removed_from_chat')).toEqual([]);
  expect((await back.request('send_event', { chat_id: cate.chatId, event: { type: 'message', text: 'Still here' } })).success).toBe(true);
  expect(await holders(office, cate.chatId)).toEqual([ids.admin]);
  expect(cate.rtm.pushes.filter((f) => f.payload?.event?.system_message_type?.endsWith('_disconnected'))).toEqual([]);
  for (const client of [sam, back, cate.rtm]) client.close();
}

/**
 * Distributed only: the gateway holding Max's connection is killed (SIGKILL);
 * the other gateway's presence keeper takes Max offline within 15 s, and after
 * the grace period the router hands his chat to Sam (`routing.assigned_disconnected`).
 */
export async function checkDeadGateway(urls: MembershipUrls, adminToken: string, name: string, killGateway: () => Promise<void>): Promise<number> {
  const office = await openOffice(urls, adminToken, name);
  const { ids, tokens } = office.team;
  const [doomed, surviving] = urls.agent;
  expect((await routing(office, { reconnect_grace_s: 2 })).status).toBe(200);
  const max = await online(doomed, tokens.normal, 'accepting_chats');
  const sam = await online(surviving, tokens.other, 'not_accepting_chats');
  const cate = await customerWithChat(office, 'Cate');
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId, 30_000);
  expect((await sam.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

  const killedAt = Date.now();
  await killGateway();
  const incoming = await sam.nextPush('incoming_chat', (f) => f.payload.chat.id === cate.chatId, 60_000);
  const took = Date.now() - killedAt;
  expect(incoming.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [ids.normal] });
  const message = await customerHearsTransfer(cate, ids.normal, ids.other, 'routing.assigned_disconnected');
  expect(systemMessage(message)).toEqual({
    type: 'routing.assigned_disconnected',
    text: 'Chat assigned to other because normal had lost internet connection',
    text_vars: { agent_added: 'other', agent_removed: 'normal' },
  });
  // Detection (≤ 15 s) + grace (2 s) + the router's look (≤ 5 s), and a few seconds of a loaded machine's timers.
  expect(took).toBeLessThan(28_000);
  for (const client of [sam, cate.rtm]) client.close();
  return took;
}
