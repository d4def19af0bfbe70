import { callWeb, waitFor } from '@switchboard/testing';
import { customerWithChat, MembershipUrls, online, openOffice } from './membership.scenario';

/**
 * Transfers and routing at once never put an agent above max_chats_count
 * (routing.md §2, §6): six chats leave the administrator for the
 * re-routing of group 0 while new customers arrive, through every agent
 * gateway; two agents with two seats each end with exactly two chats each,
 * and their seat counters agree with the chats they are in. Only a direct
 * transfer to an agent not accepting chats may go above (the spec allows it).
 */
export async function checkTransfersWithinCapacity(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { team, agentWeb, config } = office;
  const { ids, tokens } = team;
  for (const [id, seats] of [
    [ids.normal, 2],
    [ids.other, 2],
    [ids.admin, 20],
  ] as const) {
    expect((await config('update_agent', { id, max_chats_count: seats })).status).toBe(200);
  }
  const ada = await online(urls.agent[0], tokens.admin, 'accepting_chats');
  const max = await online(urls.agent[0], tokens.normal, 'not_accepting_chats');
  const sam = await online(urls.agent[urls.agent.length - 1], tokens.other, 'not_accepting_chats');

  // Six customers' chats, all routed to the administrator.
  const customers: Array<Awaited<ReturnType<typeof customerWithChat>>> = [];
  for (let i = 0; i < 6; i++) {
    customers.push(await customerWithChat(office, `Customer ${i}`));
    await ada.nextPush('incoming_chat', (f) => f.payload.chat.id === customers[i].chatId, 20_000);
  }
  expect((await ada.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);
  for (const client of [max, sam]) expect((await client.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

  // At once: six transfers (half may queue the chat), through every gateway, and two new customers for the router.
  const transfers = customers.map((c, i) =>
    callWeb(urls.agent[i % urls.agent.length], 'agent', 'transfer_chat', { id: c.chatId, ignore_agents_availability: i % 2 === 0 }, { token: tokens.admin }),
  );
  const arrivals = [customerWithChat(office, 'Late 1'), customerWithChat(office, 'Late 2')];
  const answers = await Promise.all(transfers);
  const chatIds = [...customers, ...(await Promise.all(arrivals))].map((c) => c.chatId);
  answers.forEach((answer, i) => {
    if (i % 2 === 0) expect(answer).toEqual({ status: 200, body: {} });
    else expect([answer.status, answer.body.error?.type ?? 'ok']).toEqual(answer.status === 200 ? [200, 'ok'] : [400, 'validation']);
  });

  const members = async () => {
    const counts: Record<string, number> = {};
    for (const chatId of chatIds) {
      const chat = (await agentWeb(tokens.admin, 'get_chat', { chat_id: chatId })).body;
      for (const user of chat.users) if (user.type === 'agent' && user.present) counts[user.id] = (counts[user.id] ?? 0) + 1;
    }
    return counts;
  };
  // The seat counters (list_agents_for_transfer's total_active_chats), read on a chat of the administrator's own.
  const ownChat = (await agentWeb(tokens.admin, 'start_chat', {})).body.chat_id as string;
  const seats = async () => {
    const listed = (await agentWeb(tokens.admin, 'list_agents_for_transfer', { chat_id: ownChat })).body as Array<{ agent_id: string; total_active_chats: number }>;
    return Object.fromEntries(listed.map((a) => [a.agent_id, a.total_active_chats]));
  };

  // Eight chats want an agent and four seats exist: the router fills them, and nobody goes above two.
  const settled = await waitFor(async () => {
    const counts = await members();
    return counts[ids.normal] === 2 && counts[ids.other] === 2 ? counts : undefined;
  }, 30_000, 200);
  expect([settled?.[ids.normal], settled?.[ids.other]]).toEqual([2, 2]);
  const counters = await seats();
  expect([counters[ids.normal], counters[ids.other]]).toEqual([2, 2]);

  // The administrator takes the four chats still waiting, and stops accepting.
  expect((await ada.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  await waitFor(async () => (await members())[ids.admin] === 4, 30_000, 200);
  expect((await ada.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);
  const adaChats: string[] = [];
  for (const chatId of chatIds) {
    const chat = (await agentWeb(tokens.admin, 'get_chat', { chat_id: chatId })).body;
    if (chat.users.some((u: { id: string; present: boolean }) => u.id === ids.admin && u.present)) adaChats.push(chatId);
  }
  expect(adaChats).toHaveLength(4);

  // A full agent who accepts chats is refused a direct transfer; given one more seat, three transfers at once to him fill it once.
  const toSam = (chatId: string, i: number) =>
    callWeb(urls.agent[i % urls.agent.length], 'agent', 'transfer_chat', { id: chatId, target: { type: 'agent', ids: [ids.other] } }, { token: tokens.admin });
  const full = await toSam(adaChats[0], 0);
  expect([full.status, full.body.error?.type]).toEqual([400, 'validation']);
  expect((await config('update_agent', { id: ids.other, max_chats_count: 3 })).status).toBe(200);
  const raced = await Promise.all(adaChats.slice(0, 3).map(toSam));
  expect(raced.map((r) => r.status).sort()).toEqual([200, 400, 400]);
  expect(raced.filter((r) => r.status === 400).map((r) => r.body.error.type)).toEqual(['validation', 'validation']);
  // One who does not accept chats may take a chat above the limit (routing.md §6 allows that transfer).
  expect((await max.request('set_routing_status', { status: 'not_accepting_chats' })).success).toBe(true);
  expect(await agentWeb(tokens.admin, 'transfer_chat', { id: adaChats[3], target: { type: 'agent', ids: [ids.normal] } })).toEqual({ status: 200, body: {} });
  await max.nextPush('incoming_chat', (f) => f.payload.chat.id === adaChats[3] && f.payload.transferred_from !== undefined, 20_000);
  const final = await members();
  expect([final[ids.normal], final[ids.other]]).toEqual([3, 3]);
  const after = await seats();
  expect([after[ids.normal], after[ids.other]]).toEqual([3, 3]);
  for (const client of [ada, max, sam]) client.close();
}
