import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EVENT_STORE_MIGRATIONS, PgDatabase, runMigrations } from '@switchboard/event-store';
import { Metrics } from '@switchboard/platform';
import { READ_MODEL_MIGRATIONS } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase, waitFor } from '@switchboard/testing';
import { RetryPolicy } from '@switchboard/webhooks/domain';
import { DeliveryEngine } from './delivery-engine';
import { CandidateDelivery, Delivery, DeliveryStore, StreamPosition } from './delivery-store';
import { DispatcherMetrics } from './dispatcher-metrics';
import { WebhookSender } from './webhook-sender';

const SECRET = 'shh-its-a-secret';
const FAST: RetryPolicy = { firstDelayMs: 50, maxDelayMs: 200, retryForMs: 60_000 };

interface Received {
  id: string;
  attempt: number;
  body: { action: string; payload: { n: number }; secret_key: string };
  signatureOk: boolean;
  at: number;
}

/** A webhook receiver on loopback: answers `answer()` (status, delay) and records what it got. */
async function receiver(answer: () => { status: number; delayMs?: number }) {
  const received: Received[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const { status, delayMs = 0 } = answer();
      const [t, v1] = String(request.headers['x-switchboard-signature']).split(',').map((part) => part.split('=')[1]);
      const expected = createHmac('sha256', SECRET).update(`${t}.${raw}`).digest('hex');
      setTimeout(() => {
        if (status < 300) {
          received.push({ id: String(request.headers['x-switchboard-delivery']), attempt: Number(request.headers['x-switchboard-attempt']), body: JSON.parse(raw), signatureOk: v1 === expected, at: Date.now() });
        }
        response.writeHead(status).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One event's deliveries recorded the way ingestion records a batch. */
async function recordOne(store: DeliveryStore, stream: StreamPosition, candidates: CandidateDelivery[], eventCreatedAt: Date, retryForMs: number) {
  const [outcome] = await store.recordEvents([{ stream, candidates, eventCreatedAt }], retryForMs);
  return outcome;
}

/** Polls `check`, running `between` (a sweep) before each look, until it holds. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, between: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await between();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithPostgres('webhook delivery: order, retries, slow receivers, replicas', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  const metrics = new DispatcherMetrics(new Metrics({ processMetrics: false }));
  const engines: DeliveryEngine[] = [];
  let event = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase(database.url);
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.idle()));
    await db?.close();
    await database?.drop();
  });

  function replica(name: string, claimMs = 30_000, concurrency = 4, isPaused: (delivery: Delivery) => boolean = () => false) {
    const store = new DeliveryStore(db, name, claimMs);
    const sender = new WebhookSender({ timeoutMs: 10_000, connectionsPerReceiver: concurrency, blockPrivateTargets: false });
    const engine = new DeliveryEngine(store, sender, () => SECRET, { concurrencyPerReceiver: concurrency, maxHeld: 1000, retry: FAST }, metrics, () => undefined, isPaused);
    engines.push(engine);
    /** Records one event's delivery to `url` on `chain` the way ingestion does, and hands it to the engine when it may. */
    const record = async (webhookId: string, url: string, chain: string, n: number) => {
      event++;
      const delivery: CandidateDelivery = {
        id: `d-${event}`,
        organization_id: 'org',
        webhook_id: webhookId,
        chain,
        ord: String(event * 64),
        url,
        body: { action: 'incoming_event', organization_id: 'org', payload: { n }, additional_data: {} },
        event_id: `e-${event}`,
        event_created_at: new Date(),
        claimable: true,
      };
      const { outcome, recorded } = await recordOne(
        store,
        { id: `${chain}#${webhookId}`, version: n, sequence: event, validSince: 0, acceptGap: true },
        [delivery],
        delivery.event_created_at,
        FAST.retryForMs,
      );
      expect(outcome).toBe('advanced');
      const { chainState } = recorded[0];
      if (chainState === 'foreign' || !engine.take({ ...delivery, attempts: 0, deadline: new Date(Date.now() + FAST.retryForMs) }, chainState)) {
        await store.release([delivery.id]);
      }
    };
    const sweep = async () => {
      const due = await store.claimDue(100);
      const back = due.filter((d: Delivery) => !engine.take(d, 'clear', 'database')).map((d) => d.id);
      await store.release(back);
    };
    return { store, engine, record, sweep };
  }

  it('delivers each event once, in order per chain, signed with the secret and with a stable delivery id', async () => {
    const hook = await receiver(() => ({ status: 200 }));
    const { record, engine } = replica('one');
    for (let n = 1; n <= 20; n++) await record('w-order', hook.url, 'chat-A', n);
    await waitFor(() => hook.received.length === 20, 15_000);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(hook.received.every((r) => r.signatureOk && r.body.secret_key === SECRET && r.attempt === 1)).toBe(true);
    const { rows } = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM webhook_deliveries WHERE webhook_id = 'w-order'`);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    await hook.close();
  });

  it('keeps retrying a receiver that is down, then delivers everything in order once it is back', async () => {
    let down = true;
    const hook = await receiver(() => ({ status: down ? 503 : 200 }));
    const { record, sweep, engine } = replica('two');
    for (let n = 1; n <= 10; n++) await record('w-outage', hook.url, 'chat-B', n);
    await eventually(async () => (await db.query(`SELECT 1 FROM webhook_deliveries WHERE webhook_id = 'w-outage' AND attempts >= 3`)).rows.length > 0, 15_000, sweep);
    down = false;
    await eventually(() => hook.received.length >= 10, 15_000, sweep);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(hook.received[0].attempt).toBeGreaterThanOrEqual(4);
    expect(new Set(hook.received.map((r) => r.id)).size).toBe(10);
    await hook.close();
  });

  it('drains a chain backlog behind one sweep, not one delivery per sweep, in order', async () => {
    let down = true;
    const hook = await receiver(() => ({ status: down ? 503 : 200 }));
    const { record, sweep, engine } = replica('backlog');
    for (let n = 1; n <= 40; n++) await record('w-backlog', hook.url, 'chat-L', n);
    await eventually(async () => (await db.query(`SELECT 1 FROM webhook_deliveries WHERE webhook_id = 'w-backlog' AND attempts >= 1`)).rows.length > 0, 15_000, sweep);
    await engine.idle();
    down = false;
    // The head's retry is due at once; then a single sweep: the rest of the chain follows without another.
    await db.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE webhook_id = 'w-backlog' AND status = 'pending'`);
    await sweep();
    await waitFor(() => hook.received.length === 40, 15_000);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const { rows } = await db.query<{ status: string }>(`SELECT DISTINCT status FROM webhook_deliveries WHERE webhook_id = 'w-backlog'`);
    expect(rows).toEqual([{ status: 'delivered' }]);
    await hook.close();
  });

  it('does not let a slow receiver delay a fast one', async () => {
    const slow = await receiver(() => ({ status: 200, delayMs: 2000 }));
    const fast = await receiver(() => ({ status: 200 }));
    const { record, engine } = replica('three', 30_000, 2);
    const started = Date.now();
    for (let n = 1; n <= 4; n++) await record('w-slow', slow.url, `chat-S${n}`, 1);
    for (let n = 1; n <= 6; n++) await record('w-fast', fast.url, `chat-F${n}`, 1);
    await waitFor(() => fast.received.length === 6, 10_000);
    expect(Math.max(...fast.received.map((r) => r.at)) - started).toBeLessThan(2500);
    expect(slow.received.length).toBeLessThan(4);
    await waitFor(() => slow.received.length === 4, 20_000);
    await engine.idle();
    await Promise.all([slow.close(), fast.close()]);
  });

  it('dead-letters a delivery that still fails when its retry period ends', async () => {
    const hook = await receiver(() => ({ status: 500 }));
    const { record, sweep } = replica('four');
    await record('w-dead', hook.url, 'chat-D', 1);
    await db.query(`UPDATE webhook_deliveries SET deadline = now() + interval '300 milliseconds' WHERE webhook_id = 'w-dead'`);
    await eventually(async () => (await db.query(`SELECT 1 FROM webhook_deliveries WHERE webhook_id = 'w-dead' AND status = 'dead'`)).rows.length === 1, 15_000, async () => {
      await db.query(`UPDATE webhook_deliveries SET deadline = now() + interval '300 milliseconds' WHERE webhook_id = 'w-dead' AND deadline > now() + interval '1 second'`);
      await sweep();
    });
    const { rows } = await db.query<{ last_status: number; last_error: string; attempts: number }>(`SELECT last_status, last_error, attempts FROM webhook_deliveries WHERE webhook_id = 'w-dead'`);
    expect(rows[0]).toMatchObject({ last_status: 500, last_error: 'HTTP 500' });
    expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
    await hook.close();
  });

  it('hands the deliveries of a replica that died to another once its claims expire, in order', async () => {
    const hook = await receiver(() => ({ status: 200 }));
    const dead = new DeliveryStore(db, 'died', 1000);
    // The replica that died recorded and claimed three deliveries, and never sent them.
    for (let n = 1; n <= 3; n++) {
      event++;
      await recordOne(
        dead,
        { id: 'chat-K#w-kill', version: n, sequence: event, validSince: 0, acceptGap: false },
        [{ id: `k-${n}`, organization_id: 'org', webhook_id: 'w-kill', chain: 'chat-K', ord: String(event * 64), url: hook.url, body: { action: 'incoming_event', organization_id: 'org', payload: { n }, additional_data: {} }, event_id: `ek-${n}`, event_created_at: new Date(), claimable: true }],
        new Date(),
        60_000,
      );
    }
    const { sweep, engine } = replica('survivor');
    await sweep();
    expect(hook.received).toHaveLength(0);
    await eventually(() => hook.received.length === 3, 15_000, sweep);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual([1, 2, 3]);
    await hook.close();
  });

  it('sends nothing more of a webhook paused while its deliveries are held, and gives them back in order', async () => {
    const hook = await receiver(() => ({ status: 200, delayMs: 300 }));
    let paused = false;
    const { record, sweep, engine } = replica('pausing', 30_000, 4, () => paused);
    for (let n = 1; n <= 5; n++) await record('w-pause', hook.url, 'chat-P', n);
    // The first one is on its way when the webhook is paused; the four behind it are held here.
    paused = true;
    await db.query(`INSERT INTO webhook_pauses (webhook_id, organization_id) VALUES ('w-pause', 'org')`);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual([1]);
    const { rows } = await db.query<{ status: string; claimed_by: string | null }>(
      `SELECT status, claimed_by FROM webhook_deliveries WHERE webhook_id = 'w-pause' ORDER BY ord`,
    );
    expect(rows).toEqual([{ status: 'delivered', claimed_by: null }, ...Array.from({ length: 4 }, () => ({ status: 'pending', claimed_by: null }))]);
    // Resumed: the sweep takes them, in order.
    paused = false;
    await db.query(`DELETE FROM webhook_pauses WHERE webhook_id = 'w-pause'`);
    await eventually(() => hook.received.length === 5, 15_000, sweep);
    await engine.idle();
    expect(hook.received.map((r) => r.body.payload.n)).toEqual([1, 2, 3, 4, 5]);
    await hook.close();
  });

  it('refuses an event that comes before the previous one of its stream, and a duplicate', async () => {
    const store = new DeliveryStore(db, 'cursor', 30_000);
    const record = (version: number, sequence: number) =>
      recordOne(store, { id: 'chat-Z', version, sequence, validSince: 0, acceptGap: false }, [], new Date(), 60_000);
    await expect(record(1, 1000)).resolves.toMatchObject({ outcome: 'advanced' });
    await expect(record(3, 1002)).resolves.toMatchObject({ outcome: 'gap' });
    await expect(record(2, 1001)).resolves.toMatchObject({ outcome: 'advanced' });
    await expect(record(2, 1001)).resolves.toMatchObject({ outcome: 'duplicate' });
    await expect(record(3, 1002)).resolves.toMatchObject({ outcome: 'advanced' });
    // A cursor from before the organization last had webhooks does not count.
    await expect(recordOne(store, { id: 'chat-Z', version: 9, sequence: 2000, validSince: 1500, acceptGap: false }, [], new Date(), 60_000)).resolves.toMatchObject({ outcome: 'advanced' });
  });

  describe('recording a batch of events', () => {
    const candidate = (id: string, chain: string, ord: number, webhookId = 'w-batch'): CandidateDelivery => ({
      id,
      organization_id: 'org',
      webhook_id: webhookId,
      chain,
      ord: String(ord),
      url: 'http://127.0.0.1:9/hook',
      body: { action: 'incoming_event', organization_id: 'org', payload: { id }, additional_data: {} },
      event_id: `event-${id}`,
      event_created_at: new Date(),
      claimable: true,
    });
    const stream = (id: string, version: number, sequence: number) => ({ id, version, sequence, validSince: 0, acceptGap: false });
    const event = (streamId: string, version: number, sequence: number, deliveries: CandidateDelivery[]) => ({
      stream: stream(streamId, version, sequence),
      candidates: deliveries,
      eventCreatedAt: new Date(),
    });

    it('takes each stream in version order within the batch, holds what follows a gap, and skips what was recorded', async () => {
      const store = new DeliveryStore(db, 'batcher', 30_000);
      await recordOne(store, stream('chat-B1', 1, 100), [candidate('b1-1', 'chat-B1', 6400)], new Date(), 60_000);
      await recordOne(store, stream('chat-B3', 1, 104), [], new Date(), 60_000);
      const outcomes = await store.recordEvents(
        [
          // chat-B1: 3 arrives before 2 (handed back by another replica), and 1 again.
          event('chat-B1', 3, 102, [candidate('b1-3', 'chat-B1', 6528)]),
          event('chat-B2', 1, 103, [candidate('b2-1', 'chat-B2', 6592)]),
          event('chat-B1', 2, 101, [candidate('b1-2', 'chat-B1', 6464)]),
          event('chat-B1', 1, 100, [candidate('b1-1', 'chat-B1', 6400)]),
          // chat-B3 stands at 1 and 2 is missing: 3 and 4 wait.
          event('chat-B3', 3, 106, [candidate('b3-3', 'chat-B3', 6784)]),
          event('chat-B3', 4, 107, [candidate('b3-4', 'chat-B3', 6848)]),
        ],
        60_000,
      );
      expect(outcomes.map((o) => o.outcome)).toEqual(['advanced', 'advanced', 'advanced', 'duplicate', 'gap', 'gap']);
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE webhook_id = 'w-batch' ORDER BY ord`);
      expect(rows.map((r) => r.id)).toEqual(['b1-1', 'b1-2', 'b1-3', 'b2-1']);
      // Behind the delivery claimed before, in the same chain, the batch's deliveries follow it here.
      expect(outcomes[2].recorded[0]).toMatchObject({ id: 'b1-2', claim: true, chainState: 'mine' });
      expect(outcomes[0].recorded[0]).toMatchObject({ id: 'b1-3', claim: true, chainState: 'mine' });
      expect(outcomes[1].recorded[0]).toMatchObject({ id: 'b2-1', claim: true, chainState: 'clear' });
    });

    it('claims nothing in a chain behind a delivery another replica holds, or one given back to nobody', async () => {
      const other = new DeliveryStore(db, 'other-replica', 30_000);
      await recordOne(other, stream('chat-F', 1, 200), [candidate('f-1', 'chat-F', 12800, 'w-foreign')], new Date(), 60_000);
      const store = new DeliveryStore(db, 'batcher-2', 30_000);
      await recordOne(store, stream('chat-G', 1, 202), [candidate('g-1', 'chat-G', 12928, 'w-given-back')], new Date(), 60_000);
      await store.release(['g-1']);
      const outcomes = await store.recordEvents(
        [
          event('chat-F', 2, 201, [candidate('f-2', 'chat-F', 12864, 'w-foreign')]),
          event('chat-G', 2, 203, [candidate('g-2', 'chat-G', 12992, 'w-given-back')]),
          event('chat-G', 3, 204, [candidate('g-3', 'chat-G', 13056, 'w-given-back')]),
        ],
        60_000,
      );
      expect(outcomes.flatMap((o) => o.recorded.map((d) => [d.id, d.claim, d.chainState]))).toEqual([
        ['f-2', false, 'foreign'],
        ['g-2', false, 'foreign'],
        ['g-3', false, 'mine'],
      ]);
      const { rows } = await db.query<{ id: string; claimed_by: string | null }>(`SELECT id, claimed_by FROM webhook_deliveries WHERE id IN ('f-2', 'g-2', 'g-3') ORDER BY id`);
      expect(rows.every((r) => r.claimed_by === null)).toBe(true);
    });

    it('keeps alive only the claims on deliveries still held', async () => {
      const store = new DeliveryStore(db, 'renewer', 1000);
      await store.recordEvents([event('chat-R', 1, 300, [candidate('r-1', 'chat-R', 19200, 'w-renew'), candidate('r-2', 'chat-R', 19201, 'w-renew')])], 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await store.renewClaims(['r-1']);
      const { rows } = await db.query<{ id: string; live: boolean }>(`SELECT id, claim_until > now() AS live FROM webhook_deliveries WHERE webhook_id = 'w-renew' ORDER BY id`);
      expect(rows).toEqual([
        { id: 'r-1', live: true },
        { id: 'r-2', live: false },
      ]);
    });
  });
});
