import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import {
  callWeb,
  describeWithPostgresAndNats,
  RtmClient,
  sleep,
  TcpForwarder,
  TEST_NATS_URL,
  TestDeployment,
  waitFor,
} from '@switchboard/testing';
import { connect } from 'nats';
import { isRunning, organizationWithAgents, watchReadiness } from './blip.scenario';
import { appendInLoop, expectStreamToMirrorLog } from './blip-relay.scenario';
import { customerToken } from './conversation.scenario';

const CUT_MS = 5000;

describeWithPostgresAndNats('a 5 s NATS outage (a TCP forwarder between event-relay, router, customer-gateway and NATS, cut)', () => {
  let deployment: TestDeployment;
  let db: PgDatabase;
  let forwarder: TcpForwarder;
  const start = (app: string, extra: Record<string, string> = {}) => deployment.start(app, extra);
  const waitingChats = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM chats WHERE waiting_since IS NOT NULL')).rows[0].n);

  beforeAll(async () => {
    deployment = await TestDeployment.create('blipnats');
    db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 4 });
    forwarder = await TcpForwarder.forUrl(TEST_NATS_URL, 4222);
  });
  afterAll(async () => {
    await deployment?.destroy();
    await forwarder?.close();
    await db?.close();
  });

  it('event-relay, router and customer-gateway under load: keep running, are not ready, then resume by themselves — every event in JetStream once, in order, every chat routed', async () => {
    const throughForwarder = { NATS_URL: forwarder.rewrite(TEST_NATS_URL).replace(/\/$/, '') };
    const [configuration, customerGateway, agentGateway, relay, router] = await Promise.all([
      start('configuration'),
      start('customer-gateway', throughForwarder),
      start('agent-gateway'),
      start('event-relay', throughForwarder),
      start('router', throughForwarder),
    ]);

    // An agent accepting chats, so the router has someone to give them to.
    const { organizationId, agents } = await organizationWithAgents(configuration.url, deployment.adminToken, 1);
    const agent = await RtmClient.connect(agentGateway.url, 'agent');
    agent.onPush = () => undefined;
    expect((await agent.request('login', { token: `Bearer ${agents[0].token}` })).success).toBe(true);
    expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

    // Load: customers start chats (to be routed) and writers append events, before, during and after the cut.
    const store = new PostgresEventStore(db);
    const writing = appendInLoop(store, '7c3a0a52-4f0e-4c55-9d8e-1a2b3c4d5e6f', 2);
    let startingChats = true;
    const chatIds: string[] = [];
    const starting = (async () => {
      while (startingChats) {
        const customer = await customerToken(customerGateway.url, organizationId);
        const started = await callWeb(
          customerGateway.url,
          'customer',
          'start_chat',
          { chat: { thread: { events: [{ type: 'message', text: 'Hello?' }] } } },
          { token: customer.access_token, organizationId },
        );
        expect(started.status).toBe(200);
        chatIds.push(started.body.chat_id);
        await sleep(150);
      }
    })();
    const readiness = [watchReadiness(relay), watchReadiness(router), watchReadiness(customerGateway)];
    await waitFor(() => chatIds.length >= 5 && writing.appended.length >= 200, 60_000);
    await waitFor(async () => (await waitingChats()) === 0, 60_000);

    const cutStart = Date.now();
    await forwarder.cut(CUT_MS); // the load keeps running through the cut
    const cutEnd = Date.now();
    expect(deployment.apps.filter((app) => !isRunning(app)).map((app) => `${app.name}: ${app.output().slice(-2000)}`)).toEqual([]);

    // Service resumes by itself: both ready again, the relay publishing, the router routing.
    const lastBeforeResume = await streamLastSequence(deployment.env.EVENTS_STREAM);
    const deliveredBeforeResume = (await consumerInfo(deployment.env.EVENTS_STREAM, 'router')).delivered.stream_seq;
    const [relayReadyAt, routerReadyAt, customerGatewayReadyAt, publishingAt, consumingAt] = await Promise.all([
      ...readiness.map(async (r) => (await waitFor(() => r.readyAgainAt(cutEnd), 60_000, 20))!),
      waitFor(async () => ((await streamLastSequence(deployment.env.EVENTS_STREAM)) > lastBeforeResume ? Date.now() : 0), 60_000, 20),
      waitFor(async () => ((await consumerInfo(deployment.env.EVENTS_STREAM, 'router')).delivered.stream_seq > deliveredBeforeResume ? Date.now() : 0), 60_000, 20),
    ]);
    const chatsDuringCut = chatIds.length;
    await waitFor(() => chatIds.length >= chatsDuringCut + 5, 60_000);
    startingChats = false;
    await starting;
    await writing.stop();
    const samples = await Promise.all(readiness.map((r) => r.stop()));

    console.log(
      `NATS cut of ${CUT_MS} ms: /ready 200 again after ${relayReadyAt - cutEnd} ms (relay) and ` +
        `${routerReadyAt - cutEnd} ms (router), ${customerGatewayReadyAt - cutEnd} ms (customer-gateway); relay publishing again after ${publishingAt - cutEnd} ms, ` +
        `router consuming again after ${consumingAt - cutEnd} ms`,
    );

    // The processes survived and said they were not ready while NATS was away.
    expect([relay, router, customerGateway].filter((app) => !isRunning(app))).toEqual([]);
    for (const series of samples) {
      expect(series.filter((s) => s.status === 0)).toEqual([]);
      expect(series.some((s) => s.at >= cutStart && s.at < cutEnd && s.status === 503)).toBe(true);
      expect(series[series.length - 1].status).toBe(200);
    }

    // Every committed event reached JetStream exactly once, in commit order.
    await expectStreamToMirrorLog(db, TEST_NATS_URL, deployment.env.EVENTS_STREAM, deployment.env.EVENTS_SUBJECT_PREFIX);

    // Every chat started before, during and after the cut was routed, and the router's durable consumer caught up.
    await waitFor(async () => (await waitingChats()) === 0, 60_000);
    await waitFor(async () => {
      const consumer = await consumerInfo(deployment.env.EVENTS_STREAM, 'router');
      return consumer.num_pending === 0 && consumer.num_ack_pending === 0 && consumer.ack_floor.stream_seq === (await streamLastSequence(deployment.env.EVENTS_STREAM));
    }, 120_000); // an acknowledgement lost in the cut comes back after ackWait (30 s)
    agent.close();
  }, 300_000);
});

async function streamLastSequence(streamName: string): Promise<number> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    return (await (await nc.jetstreamManager()).streams.info(streamName)).state.last_seq;
  } finally {
    await nc.close();
  }
}

async function consumerInfo(streamName: string, durable: string) {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    return await (await nc.jetstreamManager()).consumers.info(streamName, durable);
  } finally {
    await nc.close();
  }
}
