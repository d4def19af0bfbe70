import { RtmClient } from '../../libs/testing/src/livechat-client';
import { createOrganization, customerToken, Failures, post, sleep } from './bench-client';
import { Urls } from './deployment';

/** Webhook registrations per application: the limit per action and client id (configuration-api.md §6). */
const PER_CLIENT = 3;

/**
 * A new organization with `webhooks` license registrations of `incoming_event`,
 * no filters, all to `url` (over as many applications as the limit of three
 * per action and client id needs).
 */
export async function organizationWithWebhooks(urls: Urls, adminToken: string, url: string, webhooks: number): Promise<{ organizationId: string }> {
  const { organizationId, owner } = await createOrganization(urls, adminToken, 'Hooks');
  const response = await fetch(`${urls.configuration}/auth/applications`, { headers: { Authorization: `Bearer ${owner}` } });
  const clients = [((await response.json()) as Array<{ client_id: string }>)[0].client_id];
  while (clients.length * PER_CLIENT < webhooks) {
    clients.push((await post(`${urls.configuration}/admin/applications`, { organization_id: organizationId, name: `Bench ${clients.length}` }, adminToken)).client_id);
  }
  for (let i = 0; i < webhooks; i++) {
    const owner_client_id = clients[Math.floor(i / PER_CLIENT)];
    await post(`${urls.configuration}/v3.4/configuration/action/register_webhook`, { action: 'incoming_event', type: 'license', secret_key: `secret-${i}`, url, owner_client_id }, owner);
  }
  return { organizationId };
}

/** Customers over RTM, one chat each (queued: the organization has no agents), sending messages into it. */
export class CustomerChats {
  private constructor(private readonly customers: Array<{ client: RtmClient; chatId: string }>) {}

  static async open(urls: Urls, organizationId: string, count: number): Promise<CustomerChats> {
    const customers = [];
    for (let i = 0; i < count; i++) {
      const token = await customerToken(urls, organizationId);
      const client = await RtmClient.connect(urls.customer, 'customer', organizationId);
      client.onPush = () => undefined; // Its own messages come back as pushes: not kept.
      await client.request('login', { token: `Bearer ${token}` });
      const started = await client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
      customers.push({ client, chatId: started.payload.chat_id as string });
    }
    return new CustomerChats(customers);
  }

  get count(): number {
    return this.customers.length;
  }

  /** One `send_event` into the chat of customer `n` (modulo the count); resolves with the error type when it failed. */
  async send(n: number, customId: string): Promise<string | undefined> {
    const { client, chatId } = this.customers[n % this.customers.length];
    const response = await client
      .request('send_event', { chat_id: chatId, event: { type: 'message', text: 'benchmark message', custom_id: customId } })
      .catch(() => undefined);
    if (response?.success) return undefined;
    return response ? String(response.payload?.error?.type) : 'no_response';
  }

  /** Every customer sends its next message as soon as the last one is answered, until `stop()` says so. */
  closedLoop(): { sent(): number; stop(): Promise<{ sent: number; failures: Failures }> } {
    let running = true;
    let sent = 0;
    const failures = new Failures();
    const loops = this.customers.map(async (_, n) => {
      for (let i = 0; running; i++) {
        const failure = await this.send(n, `closed:${n}.${i}`);
        if (failure) failures.add(failure);
        else sent++;
      }
    });
    return {
      sent: () => sent,
      async stop() {
        running = false;
        await Promise.all(loops);
        return { sent, failures };
      },
    };
  }

  /**
   * `total` messages on a fixed timetable (`ratePerSecond`, round-robin over
   * the chats), tagged `open:<n>`; `answered[n]` is when message n's
   * `send_event` response came (`performance.now()`).
   */
  async openLoop(ratePerSecond: number, total: number): Promise<{ answered: number[]; failures: Failures }> {
    const answered: number[] = [];
    const failures = new Failures();
    const interval = 1000 / ratePerSecond;
    const start = performance.now();
    const answers: Promise<void>[] = [];
    for (let n = 0; n < total; n++) {
      const wait = start + n * interval - performance.now();
      if (wait > 0) await sleep(wait);
      answers.push(
        this.send(n, `open:${n}`).then((failure) => {
          if (failure) failures.add(failure);
          else answered[n] = performance.now();
        }),
      );
    }
    await Promise.all(answers);
    return { answered, failures };
  }

  close(): void {
    for (const { client } of this.customers) client.close();
  }
}
