import { randomBytes } from 'node:crypto';
import { EVENT_STORE_MIGRATIONS, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { ActionRegistry, RequestContext } from '@switchboard/gateway-kit';
import { Infrastructure } from '@switchboard/platform';
import { chatProjection, customerProjection, CustomerRecords, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { registerAgentCustomers } from './customers.handlers';

const ORG = 'org-1';

/** The scopes agent-chat-api §7 asks of each customer method, on the real read models (PGlite). */
describe('scopes of the customer methods', () => {
  let db: PgliteDatabase;
  let registry: ActionRegistry;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [customerProjection, chatProjection]);
    registry = new ActionRegistry('agent', { requestTimeoutMs: 10_000 });
    registerAgentCustomers(registry, { store, db, readModels: new ReadModels(db), secrets: { tokenKey: randomBytes(32) } } as unknown as Infrastructure);
  }, 60_000);
  afterAll(() => db?.close());

  const as = (...scopes: string[]): RequestContext => ({ api: 'agent', organizationId: ORG, transport: 'web', requester: { id: 'jo@acme.example', type: 'agent', scopes } });
  const errorOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { type: string }) => error.type);

  it('reading needs customers:ro, creating and updating customers:rw, banning customers.ban:rw; unfollowing needs none', async () => {
    expect(await errorOf(registry.dispatch(as(), 'create_customer', { name: 'Sue' }))).toBe('authorization');
    expect(await errorOf(registry.dispatch(as('customers:ro'), 'create_customer', { name: 'Sue' }))).toBe('authorization');
    const { customer_id: id } = (await registry.dispatch(as('customers:rw'), 'create_customer', { name: 'Sue' })) as { customer_id: string };
    expect(await errorOf(registry.dispatch(as(), 'get_customer', { id }))).toBe('authorization');
    expect(await errorOf(registry.dispatch(as(), 'list_customers', {}))).toBe('authorization');
    expect(await errorOf(registry.dispatch(as('customers:ro'), 'get_customer', { id }))).toBe('ok');
    expect(await errorOf(registry.dispatch(as('customers:ro'), 'update_customer', { id, name: 'Stolen' }))).toBe('authorization');
    expect(await errorOf(registry.dispatch(as(), 'follow_customer', { id }))).toBe('authorization');
    expect(await errorOf(registry.dispatch(as('customers:ro'), 'follow_customer', { id }))).toBe('ok');
    expect(await errorOf(registry.dispatch(as(), 'unfollow_customer', { id }))).toBe('ok');
    expect(await errorOf(registry.dispatch(as('customers:rw'), 'ban_customer', { id, ban: { days: 1 } }))).toBe('authorization');
    const sue = await new CustomerRecords(db).get(ORG, id);
    expect(sue?.data).toMatchObject({ name: 'Sue', followers: [] });
    expect(sue?.data.banned_until).toBeUndefined();
    expect(await errorOf(registry.dispatch(as('customers.ban:rw'), 'ban_customer', { id, ban: { days: 1 } }))).toBe('ok');
    expect((await new CustomerRecords(db).get(ORG, id))?.data.banned_until).toEqual(expect.any(String));
  });
});
