import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { callWeb, launchChromium, pngImage, RtmClient, spawnApp, SpawnedApp, startHttpsIngress, TlsProxy } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';
import { SHOP_ORIGIN, startWidgetSite, WidgetSite } from './customer-sdk-widget';

/** Short, so that the test outlives it several times: the SDK sends no ping, the server's pings keep it. */
const IDLE_TIMEOUT_MS = 1500;

type Widget = {
  tokens: string[];
  connected: Array<{ at: number; customerId: string; availability: string }>;
  disconnected: unknown[];
  chats: string[];
  events: Array<{ chatId: string; author: string; text?: string; type: string }>;
  deactivated: string[];
};

/**
 * The official customer SDK (@livechat/customer-sdk 4.0.2, what custom chat
 * widgets are built on) in headless Chromium, pointed at Switchboard: its
 * host api.livechatinc.com resolved to an HTTPS ingress in front of the
 * embedded mode, tokens from /customer/token through its identityProvider,
 * the page on another site (https://shop.example). It speaks v3.5 over wss.
 */
describe('the official customer SDK in a browser', () => {
  let dir: string;
  let app: SpawnedApp;
  let ingress: TlsProxy;
  let site: WidgetSite;
  let browser: Browser;
  let page: Page;
  let organizationId: string;
  let ownerToken: string;
  let agent: RtmClient;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-browser-'));
    app = await spawnApp(
      'switchboard',
      { DATA_DIR: dir, RATE_LIMITS: 'off', TRUST_PROXY: '1', RTM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) },
      { timeoutMs: 120_000 },
    );
    ingress = await startHttpsIngress(app.url);
    ({ organizationId, ownerToken } = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Shop'));
    // The agent, online over RTM (answering the server's pings as any WebSocket client library does).
    agent = await RtmClient.connect(app.url, 'agent', undefined, { autoPong: true });
    expect((await agent.request('login', { token: `Bearer ${ownerToken}` })).success).toBe(true);
    expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
    site = await startWidgetSite(organizationId);
    browser = await launchChromium([
      `--host-resolver-rules=MAP api.livechatinc.com ${ingress.host}, MAP shop.example ${site.host}`,
      '--ignore-certificate-errors',
    ]);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    // The SDK reports usage to LiveChat's own telemetry host (an <img>): not Switchboard's business, answered here.
    await page.route('https://queue.livechatinc.com/**', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${SHOP_ORIGIN}/`);
  }, 240_000);

  afterAll(async () => {
    agent?.close();
    await browser?.close();
    await site?.close();
    await ingress?.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const widget = () => page.evaluate(() => (globalThis as unknown as { widget: Widget }).widget);
  const until = (condition: string) => page.waitForFunction(condition, undefined, { timeout: 60_000, polling: 100 });

  it('logs in, chats with an agent, rates the chat with properties and deactivates it, with no error in the page', async () => {
    // Logged in (the token came cross-origin from /customer/token, the login over wss /v3.5/).
    await until('window.widget.connected.length > 0');
    const [connected] = (await widget()).connected;
    expect(connected).toMatchObject({ customerId: (await widget()).tokens[0], availability: 'online' });

    // The customer starts a chat; the router gives it to the agent.
    const chatId = await page.evaluate(async () => {
      const sdk = (globalThis as unknown as { sdk: { startChat(data: unknown): Promise<{ chat: { id: string } }> } }).sdk;
      const started = await sdk.startChat({ chat: { thread: { events: [{ type: 'message', text: 'Hello from the shop' }] } } });
      return started.chat.id;
    });
    expect(chatId).toMatch(/^[A-Z0-9]{10}$/);
    const incoming = await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 60_000);
    expect(incoming.payload.chat.thread.events[0]).toMatchObject({ type: 'message', text: 'Hello from the shop' });

    // The agent answers through the Agent Chat API; the widget shows it.
    const reply = await callWeb(app.url, 'agent', 'send_event', { chat_id: chatId, event: { type: 'message', text: 'Hi, how can I help?' } }, { token: ownerToken });
    expect(reply.status).toBe(200);
    await until(`window.widget.events.some((e) => e.text === 'Hi, how can I help?')`);

    // The customer writes back; its sendEvent resolves (answered by its own incoming_event) and the agent reads it.
    const sent = await page.evaluate(
      (id) => (globalThis as unknown as { sdk: { sendEvent(data: unknown): Promise<{ id: string }> } }).sdk.sendEvent({ chatId: id, event: { type: 'message', text: 'My kettle leaks' } }),
      chatId,
    );
    expect(sent).toMatchObject({ id: expect.any(String) });
    await agent.nextPush('incoming_event', (f) => f.payload.chat_id === chatId && f.payload.event.text === 'My kettle leaks', 60_000);

    // A picture, uploaded cross-origin (multipart with the token: a preflighted request) and sent as a file event.
    const picture = [...pngImage(4, 3)];
    const fileUrl = await page.evaluate(async (bytes) => {
      type Sdk = { uploadFile(options: { file: Blob }): { promise: Promise<{ url: string }> } };
      const file = new File([new Uint8Array(bytes)], 'kettle.png', { type: 'image/png' });
      return (await (globalThis as unknown as { sdk: Sdk }).sdk.uploadFile({ file }).promise).url;
    }, picture);
    await page.evaluate(
      ([id, url]) => (globalThis as unknown as { sdk: { sendEvent(data: unknown): Promise<unknown> } }).sdk.sendEvent({ chatId: id, event: { type: 'file', url } }),
      [chatId, fileUrl],
    );
    const file = await agent.nextPush('incoming_event', (f) => f.payload.chat_id === chatId && f.payload.event.type === 'file', 60_000);
    expect(file.payload.event).toMatchObject({ name: 'kettle.png', content_type: 'image/png', width: 4, height: 3 });

    // Rated with properties (the SDK writes the thread's rating), read back by the agent.
    await page.evaluate(
      (id) => (globalThis as unknown as { sdk: { rateChat(data: unknown): Promise<unknown> } }).sdk.rateChat({ chatId: id, rating: { score: 1, comment: 'Quick and kind' } }),
      chatId,
    );
    const rated = await callWeb(app.url, 'agent', 'get_chat', { chat_id: chatId }, { token: ownerToken });
    expect(rated.body.thread.properties.rating).toMatchObject({ score: 1, comment: 'Quick and kind' });

    // Deactivated by the customer: its answer comes once (the system message push carries no request_id), the agent sees it closed.
    await page.evaluate((id) => (globalThis as unknown as { sdk: { deactivateChat(data: unknown): Promise<unknown> } }).sdk.deactivateChat({ id }), chatId);
    await agent.nextPush('chat_deactivated', (f) => f.payload.chat_id === chatId, 60_000);
    await until(`window.widget.deactivated.includes(${JSON.stringify(chatId)})`);

    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('stays connected while idle: the browser answers the server pings, so no connection_timeout and no reconnect', async () => {
    await until(`performance.now() - window.widget.connected[0].at > ${IDLE_TIMEOUT_MS * 4}`);
    const seen = await widget();
    expect(seen.disconnected).toEqual([]);
    expect(seen.connected).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('recognises the returning visitor: the cross-site cookies of /customer/token give the same customer again', async () => {
    const again = await page.evaluate(() => (globalThis as unknown as { provider: { getFreshToken(): Promise<{ entityId: string }> } }).provider.getFreshToken());
    const seen = await widget();
    expect(seen.tokens.length).toBeGreaterThanOrEqual(2);
    expect(again.entityId).toBe(seen.tokens[0]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the API answered the widget cross-origin: preflights of another site are allowed on the customer side only', async () => {
    const preflight = (path: string) =>
      fetch(`${app.url}${path}`, { method: 'OPTIONS', headers: { Origin: SHOP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const token = await preflight('/customer/token');
    expect([token.status, token.headers.get('access-control-allow-origin'), token.headers.get('access-control-allow-credentials')]).toEqual([204, SHOP_ORIGIN, 'true']);
    expect((await preflight('/v3.4/agent/action/list_chats')).status).toBe(403);
  });
});
