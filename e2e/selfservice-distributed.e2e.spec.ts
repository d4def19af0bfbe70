import { CustomerCommands } from '@switchboard/customer/application';
import { PgDatabase, PostgresEventStore } from '@switchboard/event-store';
import { customerProjection } from '@switchboard/read-models';
import { describeWithPostgresAndNats, TestDeployment, waitFor } from '@switchboard/testing';
import { createTeam } from './identity.scenario';
import { checkBanOnTheCustomerSide, checkSelfService, customerLogin } from './selfservice.scenario';
import { customerToken } from './conversation.scenario';

describeWithPostgresAndNats('the customer looking after itself, distributed mode (two customer gateways over NATS)', () => {
  let deployment: TestDeployment;
  let db: PgDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    deployment = await TestDeployment.create('selfservice', { RATE_LIMITS: 'off' });
    await deployment.startAll(['configuration', 'event-relay', 'router', 'agent-gateway', 'customer-gateway', 'customer-gateway']);
    db = new PgDatabase({ connectionString: deployment.databaseUrl, max: 2 });
    // The test's own writer, as another service would write: the relay publishes what it appends.
    store = new PostgresEventStore(db, [customerProjection]);
  }, 240_000);
  afterAll(async () => {
    await db?.close();
    await deployment?.destroy();
  });

  const urls = () => ({ configuration: deployment.url('configuration'), agent: deployment.urls('agent-gateway'), customer: deployment.urls('customer-gateway').slice(0, 2) });
  const recorded = async (organizationId: string, customerId: string) =>
    (await db.query<{ data: unknown }>('SELECT data FROM customers WHERE organization_id = $1 AND customer_id = $2', [organizationId, customerId])).rows[0]?.data;

  it('login answers the initial state and starts a visit that tabs on both gateways share; pages recorded; auto access presets the next chat; the visit ends when the customer is gone', async () => {
    await checkSelfService(urls(), deployment.adminToken, 'SelfDist', recorded);
  }, 300_000);

  it('a ban disconnects every session of the customer on both gateways at once, and refuses its token, login and requests', async () => {
    await checkBanOnTheCustomerSide(urls(), deployment.adminToken, 'BanDist');
  }, 240_000);

  it('login shows the greeting displayed to the customer until it is answered', async () => {
    const { organizationId } = await createTeam(urls(), deployment.adminToken, 'GreetDist');
    const [first, last] = urls().customer;
    const token = await customerToken(first, organizationId);
    const greeting = {
      id: 7,
      unique_id: 'g-1',
      subtype: 'greeting',
      event: { type: 'message', text: 'Need a kettle?' },
      agent: { id: 'boss@greetdist.example', name: 'Boss', avatar: 'https://cdn.example/boss.png', job_title: 'Support', is_bot: false },
    };
    // Displayed the way greetings are: through the customer's domain.
    const commands = new CustomerCommands(store);
    await commands.execute(organizationId, { type: 'display_greeting', id: token.entity_id, now: new Date().toISOString(), greeting });
    const shown = await customerLogin(last, organizationId, token);
    expect(shown.login.payload.greeting).toEqual({ ...greeting, displayed_first_time: true });
    expect(shown.login.payload.customer.statistics).toMatchObject({ greetings_shown_count: 1, greetings_accepted_count: 0 });
    await commands.execute(organizationId, { type: 'accept_greeting', id: token.entity_id, unique_id: 'g-1', greeting_id: 7 });
    const answered = await customerLogin(first, organizationId, token);
    expect(answered.login.payload.greeting).toBeUndefined();
    expect(answered.login.payload.customer.statistics).toMatchObject({ greetings_shown_count: 1, greetings_accepted_count: 1 });
    shown.client.close();
    answered.client.close();
  }, 120_000);

  it("a customer whose gateway dies without closing its socket is taken for gone: the visit ends", async () => {
    const { organizationId } = await createTeam(urls(), deployment.adminToken, 'DeadGw');
    const doomed = await deployment.start('customer-gateway');
    const token = await customerToken(doomed.url, organizationId);
    const { login } = await customerLogin(doomed.url, organizationId, token, { customer_page: { url: 'https://shop.example/' } });
    expect(login.success).toBe(true);
    await doomed.stop('SIGKILL');
    const ended = await waitFor(async () => {
      const { events } = await store.readStream(`customer-${token.entity_id}`, { organizationId });
      return events.find((e) => e.type === 'customer_visit_ended');
    }, 150_000, 1_000);
    const visit = (await recorded(organizationId, token.entity_id)) as { last_visit: { id: string; ended_at: string } };
    expect(ended!.data).toEqual({ id: token.entity_id, visit_id: visit.last_visit.id, ended_at: visit.last_visit.ended_at });
  }, 240_000);
});
