import { useEmbeddedSwitchboard } from '@switchboard/testing';
import * as scenario from './webhooks-actions.scenario';

describe('all 36 webhook actions, delivered to a real receiver, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('webhooks-actions', { RATE_LIMITS: 'off' });
  let heard: scenario.Heard;

  beforeAll(async () => {
    heard = await scenario.hearEveryAction({ configuration: switchboard.url, agent: switchboard.url, customer: switchboard.url }, switchboard.adminToken, 'ActsE');
  }, 60_000);
  afterAll(() => heard?.receiver.close());

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
