import { callWeb, RtmClient, Scrape, scrapeMetrics } from '@switchboard/testing';
import { AGENT, createOrganization, customerToken, Urls } from './conversation.scenario';
import { post } from './identity.scenario';

/** The ids the customer's Web API `send_event` is sent with. */
export const REQUEST_ID = 'observability-e2e-send-1';
export const CORRELATION_ID = 'observability-e2e-conversation-42';

export interface ObservedConversation {
  organizationId: string;
  ownerToken: string;
  agentToken: string;
  customerToken: string;
  chatId: string;
  /** The agent's RTM connection, still open. */
  agent: RtmClient;
  /** Response headers of the customer's Web API `send_event`. */
  sendEventHeaders: Headers;
}

/**
 * A short conversation that touches every metric a gateway keeps: an agent
 * logs in over RTM and goes accepting, a customer starts a chat and sends a
 * message over the Web API (with a request and a correlation id), the agent
 * replies over RTM; pushes flow both ways.
 */
export async function observedConversation(urls: Urls, adminToken: string): Promise<ObservedConversation> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken);
  expect(
    (await callWeb(urls.configuration, 'configuration', 'create_agent', { id: AGENT, name: 'Jo', max_chats_count: 2 }, { token: ownerToken })).status,
  ).toBe(200);
  const agentToken = (await post(urls.configuration, '/auth/agent_token', { agent_id: AGENT }, ownerToken)).body.access_token as string;

  const agent = await RtmClient.connect(urls.agent[0], 'agent');
  expect((await agent.request('login', { token: `Bearer ${agentToken}` })).success).toBe(true);
  expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

  const customer = await customerToken(urls.customer, organizationId);
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hello' }] } } }, {
    token: customer.access_token,
    organizationId,
  });
  expect(started.status).toBe(200);
  const chatId = started.body.chat_id as string;
  await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId);

  const sent = await fetch(`${urls.customer}/v3.4/customer/action/send_event?organization_id=${organizationId}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${customer.access_token}`,
      'Content-Type': 'application/json',
      'X-Request-Id': REQUEST_ID,
      'X-Correlation-Id': CORRELATION_ID,
    },
    body: JSON.stringify({ chat_id: chatId, event: { type: 'message', text: 'Are you there?' } }),
  });
  expect(sent.status).toBe(200);
  const eventId = ((await sent.json()) as { event_id: string }).event_id;
  await agent.nextPush('incoming_event', (f) => f.payload.event.id === eventId);

  const reply = await agent.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'Yes!' } });
  expect(reply.success).toBe(true);
  return { organizationId, ownerToken, agentToken, customerToken: customer.access_token, chatId, agent, sendEventHeaders: sent.headers };
}

/** How much each series moved between two scrapes. */
export function moved(before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}): number {
  return after.value(name, labels) - before.value(name, labels);
}

/** Scrapes every URL at once. */
export function scrapeAll(urls: string[]): Promise<Scrape[]> {
  return Promise.all(urls.map((url) => scrapeMetrics(url)));
}

/** Every line a process wrote, each parsed as a JSON log line (throws on the first that is not). */
export function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}
