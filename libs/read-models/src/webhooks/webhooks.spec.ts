import { decideOrganization, foldOrganization, OrganizationCommand, RegisteredWebhook } from '@switchboard/configuration/domain';
import { EVENT_STORE_MIGRATIONS, executeOptimistically, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { configurationProjection } from '../configuration.projection';
import { ReadModels } from '../queries';
import { READ_MODEL_MIGRATIONS } from '../schema';
import { webhookProjection } from './webhooks.projection';

const ORGANIZATIONS = { fold: foldOrganization, decide: decideOrganization };

const hook = (id: string, ownerClientId: string, changes: Partial<RegisteredWebhook> = {}): RegisteredWebhook => ({
  id,
  owner_client_id: ownerClientId,
  type: 'license',
  action: 'incoming_chat',
  url: `https://hooks.example/${id}`,
  secret_key: 'k',
  ...changes,
});

/** What the dispatcher reads of the registrations, on the real read models (PGlite). */
describe('webhook read model', () => {
  let db: PgliteDatabase;
  let store: PostgresEventStore;
  let readModels: ReadModels;

  const run = (organizationId: string, command: OrganizationCommand) =>
    executeOptimistically(store, ORGANIZATIONS, command, { organizationId, streamId: `organization-${organizationId}` });

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    store = new PostgresEventStore(db, [configurationProjection, webhookProjection]);
    readModels = new ReadModels(db);
    for (const org of ['acme', 'globex']) {
      await run(org, { type: 'create_organization', organization_id: org, license_id: org === 'acme' ? 100000001 : 100000002, name: org, owner_id: `boss@${org}.example`, now: 't' });
    }
  }, 60_000);
  afterAll(() => db?.close());

  it('keeps registrations in order per organization, by client id, until unregistered', async () => {
    expect(await readModels.organizationsWithWebhooks()).toEqual([]);
    await run('acme', { type: 'register_webhook', webhook: hook('w1', 'app', { filters: { source_type: ['system'] }, additional_data: ['chat_properties'] }), now: 't' });
    await run('acme', { type: 'register_webhook', webhook: hook('w2', 'partner', { type: 'bot' }), now: 't' });
    await run('acme', { type: 'register_webhook', webhook: hook('w3', 'app', { action: 'incoming_event' }), now: 't' });
    await run('globex', { type: 'register_webhook', webhook: hook('g1', 'other'), now: 't' });

    expect((await readModels.webhooks('acme')).map((w) => w.id)).toEqual(['w1', 'w2', 'w3']);
    expect((await readModels.webhooks('acme', 'app')).map((w) => w.id)).toEqual(['w1', 'w3']);
    expect(await readModels.webhook('acme', 'w1')).toEqual({
      ...hook('w1', 'app', { filters: { source_type: ['system'] }, additional_data: ['chat_properties'] }),
      organization_id: 'acme',
    });
    expect(await readModels.webhook('acme', 'g1')).toBeUndefined();
    expect(await readModels.organizationsWithWebhooks()).toEqual(['acme', 'globex']);

    await run('globex', { type: 'unregister_webhook', id: 'g1', owner_client_id: 'other' });
    expect(await readModels.webhooks('globex')).toEqual([]);
    expect(await readModels.organizationsWithWebhooks()).toEqual(['acme']);
  });

  it('lists the client ids whose license webhooks are disabled, per organization', async () => {
    expect(await readModels.disabledLicenseWebhookClients('acme')).toEqual([]);
    await run('acme', { type: 'disable_license_webhooks', owner_client_id: 'partner' });
    await run('acme', { type: 'disable_license_webhooks', owner_client_id: 'app' });
    expect(await readModels.disabledLicenseWebhookClients('acme')).toEqual(['app', 'partner']);
    expect(await readModels.disabledLicenseWebhookClients('globex')).toEqual([]);
    await run('acme', { type: 'enable_license_webhooks', owner_client_id: 'app' });
    expect(await readModels.disabledLicenseWebhookClients('acme')).toEqual(['partner']);
  });
});
