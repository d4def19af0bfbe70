import { describeWithPostgresAndNats, START_TIMEOUT_MS, TestDeployment } from '@switchboard/testing';
import * as scenario from './webhooks-actions.scenario';

const APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'webhook-dispatcher'] as const;

describeWithPostgresAndNats('all 36 webhook actions, delivered to a real receiver, distributed mode (real PostgreSQL and NATS)', () => {
  let deployment: TestDeployment;
  let heard: scenario.Heard;

  beforeAll(async () => {
    deployment = await TestDeployment.create('whactions', { RATE_LIMITS: 'off' });
    await deployment.startAll(APPS);
    const urls = { configuration: deployment.url('configuration'), agent: deployment.url('agent-gateway'), customer: deployment.url('customer-gateway') };
    heard = await scenario.hearEveryAction(urls, deployment.adminToken, 'ActsD');
  }, START_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await heard?.receiver.close();
    await deployment?.destroy();
  });

  it('every delivery carries its registration envelope; additional data only where registered', () => scenario.checkEnvelopes(heard));
  it('incoming_chat, chat_deactivated', () => scenario.checkChats(heard));
  it('chat_access_updated, chat_transferred, user_added_to_chat, user_removed_from_chat', () => scenario.checkAccessAndUsers(heard));
  it('incoming_event, incoming_rich_message_postback, events_marked_as_seen; event_updated registered but never caused', () => scenario.checkEvents(heard));
  it('the six property actions, thread_tagged, thread_untagged', () => scenario.checkPropertiesAndTags(heard));
  it('routing_status_set, incoming_customer, customer_session_fields_updated', () => scenario.checkStatusesAndCustomers(heard));
  it('the fifteen configuration actions', () => scenario.checkConfiguration(heard));
  it('filters: author_type, source_type, chat_presence, agent_ids', () => scenario.checkFilters(heard));
  it('only_my_chats: the chat my application started (source.client_id), nothing else', () => scenario.checkOnlyMyChats(heard));
});
