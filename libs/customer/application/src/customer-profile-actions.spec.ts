import { ChatService } from '@switchboard/chat/application';
import { EVENT_STORE_MIGRATIONS, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { chatProjection, customerProjection, CustomerRecords, READ_MODEL_MIGRATIONS } from '@switchboard/read-models';
import { CustomerCommands } from './customer-commands';
import { CustomerProfileActions } from './customer-profile-actions';

const ORG = 'org-1';
const agent = { id: 'jo@acme.example', type: 'agent' as const, name: 'Jo' };

/** Bans and the customer's own changes, on the real read models (PGlite). */
describe('customer profile actions', () => {
  let db: PgliteDatabase;
  let actions: CustomerProfileActions;
  let records: CustomerRecords;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [customerProjection, chatProjection]);
    records = new CustomerRecords(db);
    // A plan that allows two banned customers at once.
    actions = new CustomerProfileActions(new CustomerCommands(store), records, new ChatService(store), 2);
  }, 60_000);
  afterAll(() => db?.close());

  const refusal = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: ApiError) => error.type);

  it('past the plan cap of banned customers a ban is limit_reached and changes nothing', async () => {
    const ids = [];
    for (const name of ['A', 'B', 'C']) ids.push((await actions.create(ORG, { name }, { requesterId: agent.id })).customer_id);
    await actions.ban(ORG, ids[0], 1, agent, {});
    await actions.ban(ORG, ids[1], 1, agent, {});
    expect(await refusal(actions.ban(ORG, ids[2], 1, agent, {}))).toBe('limit_reached');
    expect((await records.get(ORG, ids[2]))?.data.banned_until).toBeUndefined();
    // Banning a banned customer again only extends the ban: no new place is taken.
    expect(await refusal(actions.ban(ORG, ids[0], 3, agent, {}))).toBe('ok');
    expect(await records.bannedCount(ORG, new Date().toISOString())).toBe(2);
  });

  it('a banned customer cannot change its own profile; an agent still can', async () => {
    const { customer_id: id } = await actions.create(ORG, { name: 'Zed' }, { requesterId: agent.id });
    await db.query(`UPDATE customers SET data = data || '{"banned_until": "2999-01-01T00:00:00.000Z"}' WHERE customer_id = $1`, [id]);
    expect(await refusal(actions.updateOwn(ORG, id, { name: 'Free' }, {}))).toBe('customer_banned');
    expect((await records.get(ORG, id))?.data.name).toBe('Zed');
    expect(await refusal(actions.updateByAgent(ORG, id, { name: 'Zoe' }, agent, {}))).toBe('ok');
  });
});
