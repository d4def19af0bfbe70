import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import {
  callWeb,
  describeWithPostgresAndNats,
  RtmClient,
  TcpForwarder,
  TEST_NATS_URL,
  TestDeployment,
  waitFor,
} from '@switchboard/testing';
import {
  AttemptLog,
  isRunning,
  loop,
  organizationWithAgents,
  OUTAGE_ERRORS,
  sendOverRtm,
  sendOverWeb,
  watchReadiness,
} from './blip.scenario';
import { appendInLoop, expectStreamToMirrorLog } from './blip-relay.scenario';

const CUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 4000;

describeWithPostgresAndNats('a 5 s PostgreSQL outage (a TCP forwarder between the app and PostgreSQL, cut)', () => {
  let deployment: TestDeployment;
  const forwarders: TcpForwarder[] = [];
  const start = (app: string, extra: Record<string, string> = {}) => deployment.start(app, extra);
  const forwardPostgres = async () => {
    const forwarder = await TcpForwarder.forUrl(deployment.databaseUrl, 5432);
    forwarders.push(forwarder);
    return forwarder;
  };

  beforeAll(async () => {
    deployment = await TestDeployment.create('blippg', { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  });
  afterAll(async () => {
    await deployment?.destroy();
    await Promise.all(forwarders.map((forwarder) => forwarder.close()));
  });

  let configurationUrl: string | undefined;
  const configuration = async (): Promise<string> => (configurationUrl ??= (await start('configuration')).url);

  /**
   * An agent-gateway whose PostgreSQL goes through a forwarder, under load:
   * three agents online over RTM on it, each sending in a closed loop over the
   * Web API and over RTM to a chat of its own. Breaks the connection with
   * `outage` (the load keeps running through it), waits until writes are
   * acknowledged again, and checks what holds for any outage.
   */
  const agentGatewayThrough = async (outage: (forwarder: TcpForwarder) => Promise<void>, name: string) => {
    const forwarder = await forwardPostgres();
    const gateway = await start('agent-gateway', { DATABASE_URL: forwarder.rewrite(deployment.databaseUrl) });
    const { agents, ownerToken } = await organizationWithAgents(await configuration(), deployment.adminToken, 2);
    const everyone = [{ id: 'owner', token: ownerToken }, ...agents];

    const sessions = await Promise.all(
      everyone.map(async (agent) => {
        const rtm = await RtmClient.connect(gateway.url, 'agent');
        rtm.onPush = () => undefined;
        const login = await rtm.request('login', { token: `Bearer ${agent.token}` });
        expect(login.success).toBe(true);
        const started = await callWeb(gateway.url, 'agent', 'start_chat', {}, { token: agent.token });
        expect(started.status).toBe(200);
        let closed = false;
        void rtm.closed.then(() => (closed = true));
        return { agent, rtm, chatId: started.body.chat_id as string, closed: () => closed };
      }),
    );

    const log = new AttemptLog();
    const stops = sessions.flatMap(({ agent, rtm, chatId }, i) => [
      loop((n) => sendOverWeb(log, `web${i}`, gateway.url, agent.token, chatId, n)),
      loop((n) => sendOverRtm(log, `rtm${i}`, rtm, chatId, n, REQUEST_TIMEOUT_MS + 10_000)),
    ]);
    const readiness = watchReadiness(gateway);
    await waitFor(() => log.acknowledged.length >= 150, 60_000);

    const outageStart = Date.now();
    await outage(forwarder);
    const outageEnd = Date.now();
    expect({ running: isRunning(gateway), output: isRunning(gateway) ? '' : gateway.output().slice(-2000) }).toEqual({ running: true, output: '' });
    const firstWrite = (await waitFor(() => log.acknowledged.find((a) => a.endedAt >= outageEnd), 60_000, 20))!;
    const readyAt = (await waitFor(() => readiness.readyAgainAt(outageEnd), 60_000, 20))!;
    const acknowledgedSoFar = log.acknowledged.length;
    await waitFor(() => log.acknowledged.length >= acknowledgedSoFar + 100, 60_000);
    await Promise.all(stops.map((stop) => stop()));
    const samples = await readiness.stop();
    const duringOutage = log.failed.filter((a) => a.endedAt >= outageStart && a.startedAt < outageEnd);

    console.log(
      `PostgreSQL ${name} of ${CUT_MS} ms (agent-gateway): first acknowledged send_event ${firstWrite.endedAt - outageEnd} ms after it ended, ` +
        `/ready 200 again after ${readyAt - outageEnd} ms; ${log.acknowledged.length} writes acknowledged, ${log.failed.length} failed ` +
        `(${[...new Set(log.failed.map((a) => a.error))].join(', ')})`,
    );

    // The process and every socket survived.
    expect(isRunning(gateway)).toBe(true);
    expect(sessions.map((s) => s.closed())).toEqual(sessions.map(() => false));
    expect(samples.filter((s) => s.status === 0)).toEqual([]);

    // Requests during the outage got outage errors — never a hang beyond the request timeout.
    expect(duringOutage.length).toBeGreaterThan(0);
    expect([...new Set(log.failed.map((a) => a.error))].filter((type) => !OUTAGE_ERRORS.includes(type!))).toEqual([]);
    for (const attempt of log.failed.filter((a) => a.status !== undefined)) expect([500, 503, 504]).toContain(attempt.status);
    expect(Math.max(...log.attempts.map((a) => a.endedAt - a.startedAt))).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);

    // Not ready while PostgreSQL was away, ready again after.
    expect(samples.some((s) => s.at >= outageStart && s.at < outageEnd && s.status === 503)).toBe(true);
    expect(samples[samples.length - 1].status).toBe(200);

    // Nothing acknowledged was lost: each chat holds every event its senders were told was sent.
    for (const [i, { agent, chatId }] of sessions.entries()) {
      const chat = await callWeb(gateway.url, 'agent', 'get_chat', { chat_id: chatId }, { token: agent.token });
      expect(chat.status).toBe(200);
      const stored = new Set((chat.body.thread.events as Array<{ id: string }>).map((e) => e.id));
      const acknowledged = log.acknowledged.filter((a) => a.client === `web${i}` || a.client === `rtm${i}`).map((a) => a.eventId!);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    }
    for (const { rtm } of sessions) rtm.close();
    return { duringOutage };
  };

  it('agent-gateway under load, connection cut: keeps running and its sockets open, answers service_unavailable, is not ready, then serves again by itself with no acknowledged write lost', async () => {
    const { duringOutage } = await agentGatewayThrough((forwarder) => forwarder.cut(CUT_MS), 'cut');
    // A refused connection is known at once: service_unavailable (503), on both transports.
    const types = new Set(duringOutage.map((a) => `${a.client.replace(/\d+$/, '')}:${a.error}`));
    expect(types).toContain('web:service_unavailable');
    expect(types).toContain('rtm:service_unavailable');
  }, 240_000);

  it('agent-gateway under load, dead network (nothing goes through, nothing closes): answers request_timeout after REQUEST_TIMEOUT_MS, then serves again by itself', async () => {
    const { duringOutage } = await agentGatewayThrough((forwarder) => forwarder.stall(CUT_MS), 'stall');
    const types = new Set(duringOutage.map((a) => `${a.client.replace(/\d+$/, '')}:${a.error}`));
    expect(types).toContain('web:request_timeout');
    expect(types).toContain('rtm:request_timeout');
    expect(duringOutage.filter((a) => a.error === 'request_timeout' && a.status !== undefined).every((a) => a.status === 504)).toBe(true);
  }, 240_000);

  it('agent-gateway: an agent whose socket closes during the outage goes offline by itself once PostgreSQL is back', async () => {
    const forwarder = await forwardPostgres();
    const gateway = await start('agent-gateway', { DATABASE_URL: forwarder.rewrite(deployment.databaseUrl) });
    const { organizationId, agents } = await organizationWithAgents(await configuration(), deployment.adminToken, 1);
    const rtm = await RtmClient.connect(gateway.url, 'agent');
    expect((await rtm.request('login', { token: `Bearer ${agents[0].token}` })).success).toBe(true);
    expect((await rtm.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
    const db = new PgDatabase(deployment.databaseUrl);
    const status = async () => (await new ReadModels(db).agent(organizationId, agents[0].id))?.routing_status;
    try {
      await waitFor(async () => (await status()) === 'accepting_chats');
      const cut = forwarder.cut(CUT_MS);
      rtm.close(); // the gateway cannot record it: PostgreSQL is away
      await rtm.closed;
      await cut;
      // Otherwise the router would go on giving chats to an agent who left.
      await waitFor(async () => (await status()) === 'offline', 60_000, 200);
      expect(isRunning(gateway)).toBe(true);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('event-relay: gets its LISTEN back after the outage and publishes every event exactly once, in commit order', async () => {
    const organizationId = '5b0f3f7e-9d64-4b8e-a0f3-3c1b2e4d5a60';
    const db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 4 });
    const store = new PostgresEventStore(db);
    const listeners = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
          )
        ).rows[0].n,
      );
    const forwarder = await forwardPostgres();
    let writing: ReturnType<typeof appendInLoop> | undefined;
    try {
      const relay = await start('event-relay', { DATABASE_URL: forwarder.rewrite(deployment.databaseUrl) });
      await waitFor(async () => (await listeners()) === 1, 30_000);

      // Writers append (straight to PostgreSQL) before, during and after the relay's cut.
      writing = appendInLoop(store, organizationId, 2);
      await waitFor(() => writing!.appended.length >= 200, 60_000);
      await forwarder.cut(CUT_MS);
      const cutEnd = Date.now();
      // The relay's LISTEN connection is back (before the fix it was lost for good, leaving 250 ms polls).
      await waitFor(async () => (await listeners()) === 1 && forwarder.openConnections > 0, 30_000);
      const relistenedAt = Date.now();
      const countAfterCut = writing.appended.length;
      await waitFor(() => writing!.appended.length >= countAfterCut + 200, 60_000);
      await writing.stop();

      await expectStreamToMirrorLog(db, TEST_NATS_URL, deployment.env.EVENTS_STREAM, deployment.env.EVENTS_SUBJECT_PREFIX);
      console.log(
        `PostgreSQL cut of ${CUT_MS} ms (event-relay): LISTEN back ${relistenedAt - cutEnd} ms after the cut ended; ` +
          `${writing.appended.length} events appended meanwhile, all published exactly once in commit order`,
      );
      expect(isRunning(relay)).toBe(true);
    } finally {
      await writing?.stop().catch(() => undefined);
      await db.close();
    }
  }, 240_000);
});
