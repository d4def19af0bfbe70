import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { Delivery } from './delivery-store';
import { WebhookSender } from './webhook-sender';

describe('sending a webhook with the private-target guard (WEBHOOK_BLOCK_PRIVATE_TARGETS)', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits++;
      response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const delivery = (url: string): Delivery => ({
    id: 'd1',
    organization_id: 'org',
    webhook_id: 'w1',
    chain: 'chat-X',
    ord: '64',
    url,
    body: { action: 'incoming_event', organization_id: 'org', payload: {}, additional_data: {} },
    attempts: 0,
    deadline: new Date(Date.now() + 60_000),
    event_created_at: new Date(),
  });

  it('refuses a loopback literal and a host name that resolves to loopback, without connecting', async () => {
    const guarded = new WebhookSender({ timeoutMs: 2000, connectionsPerReceiver: 1, blockPrivateTargets: true });
    const before = hits;
    const literal = await guarded.send(delivery(`http://127.0.0.1:${port}/hook`), 's');
    expect(literal).toMatchObject({ status: undefined, error: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback/) });
    // This machine's own name resolves to a loopback address (checked at connect time, so rebinding cannot pass).
    const named = await guarded.send(delivery(`http://${hostname()}:${port}/hook`), 's');
    expect(named).toMatchObject({ status: undefined, error: expect.stringMatching(/^refused: /) });
    expect(hits).toBe(before);
    await guarded.close();
  });

  it('delivers to the same receiver when the guard is off (the embedded default)', async () => {
    const open = new WebhookSender({ timeoutMs: 2000, connectionsPerReceiver: 1, blockPrivateTargets: false });
    await expect(open.send(delivery(`http://${hostname()}:${port}/hook`), 's')).resolves.toMatchObject({ status: 200 });
    await open.close();
  });
});

describe('the envelope a webhook receives', () => {
  it('is the LiveChat envelope exactly as JSON.stringify writes it, for every webhook an event goes to', async () => {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        bodies.push(raw);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const sender = new WebhookSender({ timeoutMs: 2000, connectionsPerReceiver: 2, blockPrivateTargets: false });
    // One event's payload object, shared by its deliveries to two webhooks with different additional data.
    const payload = { chat_id: 'C1', event: { type: 'message', text: 'quote " backslash \\ newline \n ünïcödé 💬', custom_id: undefined, n: 1.5 } };
    const deliveries: Delivery[] = [
      { webhook_id: 'w"1', additional_data: {} },
      { webhook_id: 'w2', additional_data: { chat_properties: { source: { client_id: 'x' } }, chat_presence_user_ids: ['a', 'b'] } },
    ].map(({ webhook_id, additional_data }, i) => ({
      id: `d${i}`,
      organization_id: 'org',
      webhook_id,
      chain: 'chat-C1',
      ord: String(64 + i),
      url,
      body: { action: 'incoming_event', organization_id: 'org', payload, additional_data },
      attempts: 0,
      deadline: new Date(Date.now() + 60_000),
      event_created_at: new Date(),
    }));
    for (const delivery of deliveries) await expect(sender.send(delivery, 'sec"ret')).resolves.toMatchObject({ status: 200 });
    expect(bodies).toEqual(
      deliveries.map((d) =>
        JSON.stringify({ webhook_id: d.webhook_id, secret_key: 'sec"ret', action: 'incoming_event', organization_id: 'org', payload, additional_data: d.body.additional_data }),
      ),
    );
    await sender.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
