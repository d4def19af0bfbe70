import { decideOrganization, foldOrganization, OrganizationCommand } from '@switchboard/configuration/domain';
import { EVENT_STORE_MIGRATIONS, executeOptimistically, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { configurationProjection } from '../configuration.projection';
import { READ_MODEL_MIGRATIONS } from '../schema';
import { webhookProjection } from '../webhooks/webhooks.projection';
import { MAX_REPLAYED, TooManyToReplayError, WebhookDeliveryLog } from './webhook-delivery-log';

const ORGANIZATIONS = { fold: foldOrganization, decide: decideOrganization };

/** Pauses, unregistering and replays on the dispatcher's log (ADR 0044, Operations), on the real schema (PGlite). */
describe('webhook delivery log', () => {
  let db: PgliteDatabase;
  let store: PostgresEventStore;
  let log: WebhookDeliveryLog;

  const run = (command: OrganizationCommand) => executeOptimistically(store, ORGANIZATIONS, command, { organizationId: 'acme', streamId: 'organization-acme' });
  const insert = (webhookId: string, status: string, count: number, prefix: string) =>
    db.query(
      `INSERT INTO webhook_deliveries (id, organization_id, webhook_id, chain, ord, event_id, action, url, body, status, deadline, event_created_at)
       SELECT $3 || n, 'acme', $1, 'chat-1', n, 'e' || n, 'incoming_event', 'https://hooks.example/x', '{}', $2, now(), now()
       FROM generate_series(1, $4::int) AS n`,
      [webhookId, status, prefix, count],
    );
  const statuses = async (webhookId: string) =>
    (await db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id', [webhookId])).rows;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    store = new PostgresEventStore(db, [configurationProjection, webhookProjection]);
    log = new WebhookDeliveryLog(db);
    await run({ type: 'create_organization', organization_id: 'acme', license_id: 100000001, name: 'acme', owner_id: 'boss@acme.example', now: 't' });
    for (const id of ['w1', 'w2']) {
      await run({ type: 'register_webhook', webhook: { id, owner_client_id: 'app', type: 'license', action: 'incoming_event', url: 'https://hooks.example/x', secret_key: 'k' }, now: 't' });
    }
  }, 60_000);
  afterAll(() => db?.close());

  it('keeps a paused webhook in webhook_pauses until it is resumed or unregistered', async () => {
    const paused = async () => (await db.query<{ webhook_id: string }>('SELECT webhook_id FROM webhook_pauses ORDER BY webhook_id')).rows.map((r) => r.webhook_id);
    await run({ type: 'pause_webhook', id: 'w1', owner_client_id: 'app' });
    await run({ type: 'pause_webhook', id: 'w2', owner_client_id: 'app' });
    expect(await paused()).toEqual(['w1', 'w2']);
    await run({ type: 'resume_webhook', id: 'w1', owner_client_id: 'app' });
    expect(await paused()).toEqual(['w2']);
    await insert('w2', 'pending', 2, 'u');
    await insert('w2', 'delivered', 1, 'v');
    await run({ type: 'unregister_webhook', id: 'w2', owner_client_id: 'app' });
    expect(await paused()).toEqual([]);
    // What it still owed is dead at once; what it got stays delivered.
    expect(await statuses('w2')).toEqual([
      { status: 'dead', last_error: 'webhook unregistered' },
      { status: 'dead', last_error: 'webhook unregistered' },
      { status: 'delivered', last_error: null },
    ]);
  });

  it(`replays at most ${MAX_REPLAYED} deliveries at once, all or nothing`, async () => {
    await insert('w1', 'dead', MAX_REPLAYED + 1, 'd');
    const selection = { organizationId: 'acme', webhookId: 'w1' };
    await expect(log.replay(selection, ['dead'], 60_000)).rejects.toThrow(TooManyToReplayError);
    expect((await statuses('w1')).every((r) => r.status === 'dead')).toBe(true);
    await expect(log.replay({ ...selection, ids: ['d1', 'd2', 'nope'] }, ['dead'], 60_000)).resolves.toBe(2);
    await expect(log.replay({ ...selection, organizationId: 'globex' }, ['dead'], 60_000)).resolves.toBe(0);
    await expect(log.retryNow({ ...selection, ids: ['d1', 'd3'] })).resolves.toBe(1);
  });
});
