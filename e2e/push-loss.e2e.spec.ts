import {
  callWeb,
  describeWithPostgresAndNats,
  Frame,
  RtmClient,
  sleep,
  TcpForwarder,
  TEST_NATS_URL,
  TestDeployment,
  waitFor,
} from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { post } from './identity.scenario';

const AGENTS = 6;

/**
 * Pushes are never silently lost: a gateway replica whose NATS connection is
 * cut for 5 s while customers keep writing either delivers every push to its
 * agents afterwards, in order, or disconnects them so they resync.
 */
describeWithPostgresAndNats('pushes across a NATS outage of a gateway replica', () => {
  let deployment: TestDeployment;
  let forwarder: TcpForwarder;

  beforeAll(async () => {
    deployment = await TestDeployment.create('push', { RATE_LIMITS: 'off' });
    forwarder = await TcpForwarder.forUrl(TEST_NATS_URL, 4222);
    await Promise.all([
      deployment.startAll(['configuration', 'customer-gateway', 'router', 'event-relay']),
      deployment.start('agent-gateway', { NATS_URL: forwarder.rewrite(TEST_NATS_URL) }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await deployment?.destroy();
    await forwarder?.close();
  });

  it('after a 5 s cut every agent has every push, in order — or was told to resync', async () => {
    const url = (name: string) => deployment.url(name);
    const { organizationId, ownerToken } = await createOrganization(url('configuration'), deployment.adminToken, 'Push');
    const agents: RtmClient[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = `agent${i}@push.example`;
      await callWeb(url('configuration'), 'configuration', 'create_agent', { id, name: `Agent ${i}`, max_chats_count: 1 }, { token: ownerToken });
      const agentToken = (await post(url('configuration'), '/auth/agent_token', { agent_id: id }, ownerToken)).body.access_token;
      const agent = await RtmClient.connect(url('agent-gateway'), 'agent');
      expect((await agent.request('login', { token: `Bearer ${agentToken}` })).success).toBe(true);
      await agent.request('set_routing_status', { status: 'accepting_chats' });
      agents.push(agent);
    }
    // The owner stays away from routing.
    await callWeb(url('configuration'), 'configuration', 'update_agent', { id: 'boss@push.example', max_chats_count: 0 }, { token: ownerToken });
    const chats: Array<{ chatId: string; customer: string; agent: RtmClient; sent: number[] }> = [];
    for (let i = 0; i < AGENTS; i++) {
      const customer = (await customerToken(url('customer-gateway'), organizationId)).access_token;
      const started = await callWeb(url('customer-gateway'), 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } }, {
        token: customer,
        organizationId,
      });
      chats.push({ chatId: started.body.chat_id, customer, agent: undefined as unknown as RtmClient, sent: [] });
    }
    await Promise.all(
      agents.map(async (agent) => {
        const incoming = await agent.nextPush('incoming_chat', () => true, 30_000);
        chats.find((c) => c.chatId === incoming.payload.chat.id)!.agent = agent;
      }),
    );
    const received = new Map<RtmClient, number[]>(agents.map((a) => [a, []]));
    const disconnected = new Set<RtmClient>();
    for (const agent of agents) {
      agent.onPush = (frame: Frame) => {
        if (frame.action === 'incoming_event' && frame.payload.event.custom_id) received.get(agent)!.push(Number(frame.payload.event.custom_id));
        if (frame.action === 'agent_disconnected') disconnected.add(agent);
      };
    }

    // Customers keep writing through the customer gateway while the agents' gateway loses NATS for 5 s.
    let writing = true;
    const writers = chats.map(async (chat) => {
      for (let n = 1; writing; n++) {
        const sent = await callWeb(url('customer-gateway'), 'customer', 'send_event', { chat_id: chat.chatId, event: { type: 'message', text: `m${n}`, custom_id: String(n) } }, {
          token: chat.customer,
          organizationId,
        });
        if (sent.status === 200) chat.sent.push(n);
        await sleep(20);
      }
    });
    await sleep(1000);
    await forwarder.cut(5000);
    await sleep(2000);
    writing = false;
    await Promise.all(writers);

    await waitFor(() => chats.every((c) => disconnected.has(c.agent) || received.get(c.agent)!.length >= c.sent.length), 60_000, 100);
    for (const chat of chats) {
      expect(chat.sent.length).toBeGreaterThan(50);
      if (disconnected.has(chat.agent)) continue;
      // Every message the customer sent reached its agent exactly once, in order.
      expect(received.get(chat.agent)).toEqual(chat.sent);
    }
    const resynced = chats.filter((c) => disconnected.has(c.agent)).length;
    console.log(`${chats.reduce((n, c) => n + c.sent.length, 0)} messages; ${AGENTS - resynced} agents got every push, ${resynced} were told to resync`);
    for (const agent of agents) agent.close();
  }, 180_000);
});
