import { CustomerCommands } from '@switchboard/customer/application';
import { EVENT_STORE_MIGRATIONS, PgliteDatabase, PostgresEventStore, runMigrations, toEventMessage } from '@switchboard/event-store';
import { configurationProjection, customerProjection, READ_MODEL_MIGRATIONS, ReadModels, widgetProjection } from '@switchboard/read-models';
import { WidgetCommands } from '@switchboard/widget/application';
import { GreetingTrigger } from './greeting-trigger';

const ORG = 'org-greetings';
const CUSTOMER = '5d0c8f0e-2b1a-4c3d-9e8f-7a6b5c4d3e2f';
const AGENT = 'max@greetings.example';
const now = () => new Date().toISOString();

describe('greeting trigger', () => {
  let db: PgliteDatabase;
  let store: PostgresEventStore;
  let trigger: GreetingTrigger;
  let customers: CustomerCommands;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    store = new PostgresEventStore(db, [configurationProjection, customerProjection, widgetProjection]);
    trigger = new GreetingTrigger(store, new ReadModels(db), db);
    customers = new CustomerCommands(store);
    const profile = { id: AGENT, name: 'Max', role: 'normal', login_status: 'accepting chats', max_chats_count: 6, awaiting_approval: false, groups: [{ id: 0, priority: 'normal' }] };
    await store.append(`agent-${AGENT}`, [{ type: 'agent_created', data: profile }], { organizationId: ORG });
    const greeting = { id: 1, group_id: 0, agent_id: AGENT, event: { type: 'message', text: 'Hi!' }, rule: { url_contains: '/pricing' }, active: true };
    await new WidgetCommands(store).execute(ORG, { type: 'set_greeting', greeting }, 'owner');
    await customers.execute(ORG, { type: 'create_customer', id: CUSTOMER, now: now() });
  }, 60_000);
  afterAll(() => db?.close());

  /** Records a page view and hands its event to the trigger (twice when redelivered). */
  async function view(visitId: string, url: string, deliveries = 1) {
    await customers.execute(ORG, { type: 'view_page', id: CUSTOMER, visit_id: visitId, now: now(), url });
    const { events } = await store.readStream(`customer-${CUSTOMER}`, { organizationId: ORG });
    const message = toEventMessage(events.filter((e) => e.type === 'customer_page_viewed').at(-1)!);
    for (let i = 0; i < deliveries; i++) await trigger.onEvent(message);
  }

  const displayed = async () =>
    (await store.readStream(`customer-${CUSTOMER}`, { organizationId: ORG })).events.filter((e) => e.type === 'greeting_displayed');

  it('shows a matching greeting once per page view, even when the view is delivered again, and once per visit', async () => {
    await customers.execute(ORG, { type: 'start_visit', id: CUSTOMER, visit_id: 'v1', now: now() });
    await view('v1', 'https://shop.example/home');
    expect(await displayed()).toHaveLength(0);
    await view('v1', 'https://shop.example/pricing', 3);
    const shown = await displayed();
    expect(shown).toHaveLength(1);
    expect(shown[0].data).toMatchObject({ greeting: { id: 1, displayed_first_time: true, agent: { id: AGENT, name: 'Max' }, event: { text: 'Hi!' } } });
    await view('v1', 'https://shop.example/pricing?again');
    expect(await displayed()).toHaveLength(1);

    await customers.execute(ORG, { type: 'start_visit', id: CUSTOMER, visit_id: 'v2', now: now() });
    await view('v2', 'https://shop.example/pricing');
    expect(await displayed()).toHaveLength(2);
  });
});
