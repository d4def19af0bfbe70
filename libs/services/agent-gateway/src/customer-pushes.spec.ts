import { CustomerCommands } from '@switchboard/customer/application';
import { EVENT_STORE_MIGRATIONS, EventMessage, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { chatProjection, customerProjection, CustomerRecords, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { customerAgentPushes } from './customer-pushes';

const ORG = 'org-1';

/** Agents by monitoring level and groups. */
const AGENTS: Array<[string, string, number[]]> = [
  ['online@acme.example', 'online', [0]],
  ['chatting@acme.example', 'chatting', [0]],
  ['invited@acme.example', 'invited', [0]],
  ['my@acme.example', 'my', [0]],
  ['vip@acme.example', 'highest_available', [1]],
];

/**
 * Which agents hear a visitor's pages, departure and return — events the
 * customer's session writes — on the real read models (PGlite): each level
 * and group as agent-chat-api §8 and routing.md §9 describe.
 */
describe('agent pushes about a visitor', () => {
  let db: PgliteDatabase;
  let commands: CustomerCommands;
  let readModels: ReadModels;
  let records: CustomerRecords;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [customerProjection, chatProjection]);
    commands = new CustomerCommands(store);
    readModels = new ReadModels(db);
    records = new CustomerRecords(db);
    for (const [agentId, level, groups] of AGENTS) {
      const profile = { id: agentId, name: agentId, groups: groups.map((id) => ({ id, priority: 'normal' })), max_chats_count: 6 };
      await db.query('INSERT INTO agents (organization_id, agent_id, profile) VALUES ($1, $2, $3)', [ORG, agentId, JSON.stringify(profile)]);
      await records.chooseMonitoringLevel(ORG, agentId, level, true);
    }
  }, 60_000);
  afterAll(() => db?.close());

  /** Runs the command and plans the agents' pushes of the events it recorded. */
  async function pushesOf(command: Parameters<CustomerCommands['execute']>[1]) {
    const events = await commands.execute(ORG, command);
    const plans = await Promise.all(
      events.map((e) => customerAgentPushes({ stream_id: `customer-${command.id}`, organization_id: ORG, type: e.type, data: e.data, metadata: {} } as EventMessage, readModels, records)),
    );
    return plans.flat().map((p) => ({ action: p.action, payload: p.payload, to: [...(p.userIds ?? [])].sort() }));
  }

  it('pages, leaving and returning reach the agents watching every visitor of the customer\'s group, and nobody else', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const now = '2026-11-27T07:00:00.000Z';
    expect((await pushesOf({ type: 'create_customer', id, now, profile: { name: 'Vic' } }))[0]).toMatchObject({ action: 'incoming_customer', to: ['online@acme.example', 'vip@acme.example'] });
    // The visit starts: announced again, now online (the creation was announced while the customer was not on the website).
    const arrived = await pushesOf({ type: 'start_visit', id, visit_id: 'v1', now });
    expect(arrived).toMatchObject([{ action: 'incoming_customer', payload: { id, online: true, statistics: { visits_count: 1 } }, to: ['online@acme.example', 'vip@acme.example'] }]);
    const page = await pushesOf({ type: 'view_page', id, visit_id: 'v1', now: '2026-11-27T07:00:01.000Z', url: 'https://shop.example/kettles', title: 'Kettles' });
    expect(page).toEqual([
      {
        action: 'customer_page_updated',
        payload: { customer_id: id, visit_id: 'v1', opened_at: '2026-11-27T07:00:01.000Z', url: 'https://shop.example/kettles', title: 'Kettles' },
        to: ['online@acme.example', 'vip@acme.example'],
      },
    ]);
    expect(await pushesOf({ type: 'end_visit', id, now: '2026-11-27T07:05:00.000Z' })).toEqual([
      { action: 'customer_left', payload: { id, left_at: '2026-11-27T07:05:00.000Z' }, to: ['online@acme.example', 'vip@acme.example'] },
    ]);
    const back = await pushesOf({ type: 'start_visit', id, visit_id: 'v2', now: '2026-11-27T08:00:00.000Z' });
    expect(back).toMatchObject([{ action: 'incoming_customer', payload: { id, online: true, statistics: { visits_count: 2 } }, to: ['online@acme.example', 'vip@acme.example'] }]);
  });

  it('a visitor of group 1 is heard only by the agents of group 1; a greeted one of group 0 by every agent watching invited customers or more', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    await commands.execute(ORG, { type: 'create_customer', id, now: '2026-11-27T07:00:00.000Z' });
    const arrived = await pushesOf({ type: 'start_visit', id, visit_id: 'v1', now: '2026-11-27T07:00:00.000Z', group_id: 1 });
    expect(arrived).toMatchObject([{ action: 'incoming_customer', payload: { id, group_ids: [1] }, to: ['vip@acme.example'] }]);
    const page = await pushesOf({ type: 'view_page', id, visit_id: 'v1', now: '2026-11-27T07:00:01.000Z', url: 'https://shop.example/' });
    expect(page.map((p) => p.to)).toEqual([['vip@acme.example']]);
    const greeted = '33333333-3333-4333-8333-333333333333';
    await commands.execute(ORG, { type: 'create_customer', id: greeted, now: '2026-11-27T07:00:00.000Z' });
    await commands.execute(ORG, { type: 'start_visit', id: greeted, visit_id: 'v1', now: '2026-11-27T07:00:00.000Z' });
    const greeting = { id: 1, unique_id: 'g1', subtype: 'announcement', event: { type: 'message', text: 'Hi' }, agent: { id: 'online@acme.example' } };
    await commands.execute(ORG, { type: 'display_greeting', id: greeted, now: '2026-11-27T07:00:02.000Z', greeting });
    const seen = await pushesOf({ type: 'update_customer', id: greeted, profile: { name: 'Greta' } });
    expect(seen).toEqual([{ action: 'customer_updated', payload: { id: greeted, name: 'Greta' }, to: ['invited@acme.example', 'online@acme.example', 'vip@acme.example'] }]);
  });

  it('a ban reaches the agents watching chatting customers, though it archives the chat before the push is planned', async () => {
    const id = '55555555-5555-4555-8555-555555555555';
    await commands.execute(ORG, { type: 'create_customer', id, now: '2026-11-27T07:00:00.000Z' });
    // The customer's chat, already archived by the ban (as the chat projection leaves the row).
    await db.query(`UPDATE customers SET chat_id = 'CHAT1', chats_count = 1, chat_group_ids = '{0}', chat_active = false WHERE customer_id = $1`, [id]);
    const banned = await pushesOf({ type: 'ban_customer', id, now: '2026-11-27T07:00:00.000Z', days: 2 });
    expect(banned).toEqual([
      {
        action: 'customer_banned',
        payload: { customer_id: id, ban: { days: 2 } },
        to: ['chatting@acme.example', 'invited@acme.example', 'online@acme.example', 'vip@acme.example'],
      },
    ]);
  });

  it('customer_unfollowed goes to the agent who stopped following, not to the connection that asked', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    await commands.execute(ORG, { type: 'create_customer', id, now: '2026-11-27T07:00:00.000Z' });
    await commands.execute(ORG, { type: 'follow_customer', id, agent_id: 'my@acme.example' });
    const followed = await pushesOf({ type: 'update_customer', id, profile: { email: 'f@example.com' } });
    expect(followed[0].to).toEqual(['my@acme.example']);
    const events = await commands.execute(ORG, { type: 'unfollow_customer', id, agent_id: 'my@acme.example' });
    const message = { stream_id: `customer-${id}`, organization_id: ORG, type: events[0].type, data: events[0].data, metadata: {} } as EventMessage;
    expect(await customerAgentPushes(message, readModels, records)).toEqual([
      { action: 'customer_unfollowed', payload: { id }, userIds: ['my@acme.example'], notToOrigin: true, scope: 'customers:ro' },
    ]);
  });
});
