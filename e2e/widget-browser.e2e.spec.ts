import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { callWeb, launchChromium, pageErrors, pngImage, RtmClient, screenshot, useEmbeddedSwitchboard } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/** A loaded 2-core machine: every wait for something on screen or on the wire is generous. */
const WAIT_MS = 60_000;

/**
 * The Chat Widget in headless Chromium against the embedded server: the demo
 * page (and a third-party page) embeds it with the snippet; the customer
 * only clicks and types. The agent is simulated over the Agent Chat API
 * (RTM), as the Agent App would do it.
 */
describe('the chat widget in a browser', () => {
  const sb = useEmbeddedSwitchboard('widget-browser');
  let browser: Browser;
  let desktop: BrowserContext;
  const agents: RtmClient[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  }, WAIT_MS);

  afterAll(async () => {
    for (const agent of agents) agent.close();
    await browser?.close();
  });

  /** The organization's owner, signed in over RTM and accepting chats (answering the server's pings like a browser). */
  async function agentOnline(ownerToken: string): Promise<RtmClient> {
    const agent = await RtmClient.connect(sb.url, 'agent', undefined, { autoPong: true });
    agents.push(agent);
    expect((await agent.request('login', { token: `Bearer ${ownerToken}` })).success).toBe(true);
    expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
    return agent;
  }

  /** A page of the context at `url`, its errors collected, and the widget's frame. */
  async function visit(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[]; widget: FrameLocator }> {
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(url);
    return { page, errors, widget: page.frameLocator('iframe[title="Chat"]') };
  }

  const messageBox = (widget: FrameLocator) => widget.getByLabel('Message', { exact: true });
  const seen = (widget: FrameLocator, text: string | RegExp) => widget.getByText(text).waitFor({ timeout: WAIT_MS });

  describe('on the demo page', () => {
    let page: Page;
    let errors: string[];
    let widget: FrameLocator;
    let agent: RtmClient;
    let chatId: string;
    let customerId: string;

    it('a customer fills the prechat form and chats: the agent gets the form, the sneak peek and the message; the reply and typing show live', async () => {
      const { organizationId, ownerToken } = await createOrganization(sb.url, sb.adminToken, 'Kettles');
      const form = {
        id: 'prechat',
        fields: [
          { id: 'name', type: 'name', label: 'Your name', required: true },
          { id: 'email', type: 'email', label: 'E-mail', required: true },
          { id: 'topic', type: 'select', label: 'What is it about?', options: [{ id: 'order', label: 'An order' }, { id: 'product', label: 'A product' }] },
        ],
      };
      expect(await callWeb(sb.url, 'configuration', 'switchboard_set_form', { group_id: 0, type: 'prechat', form }, { token: ownerToken })).toEqual({ status: 200, body: {} });
      agent = await agentOnline(ownerToken);

      ({ page, errors, widget } = await visit(desktop, `${sb.url}/demo/?organization_id=${organizationId}`));
      await page.getByRole('heading', { name: 'Good tea starts with hot water' }).waitFor();
      await page.getByRole('button', { name: 'Open chat' }).waitFor();
      await screenshot(page, 'demo-page');

      await page.getByRole('button', { name: 'Open chat' }).click();
      await widget.getByRole('heading', { name: 'Before we start' }).waitFor({ timeout: WAIT_MS });
      await widget.getByLabel('Your name').fill('Ann Example');
      await widget.getByLabel('E-mail').fill('ann@example.com');
      await widget.getByLabel('What is it about?').selectOption({ label: 'An order' });
      await widget.getByRole('button', { name: 'Start the chat' }).click();

      // The agent gets the chat with the filled form, from a customer named as in the form.
      const incoming = await agent.nextPush('incoming_chat', (f) => f.payload.chat.thread.events.some((e: { type: string }) => e.type === 'filled_form'), WAIT_MS);
      chatId = incoming.payload.chat.id;
      expect(incoming.payload.chat.thread.events).toContainEqual(
        expect.objectContaining({
          type: 'filled_form',
          form_id: 'prechat',
          fields: [
            { type: 'name', id: 'name', label: 'Your name', answer: 'Ann Example' },
            { type: 'email', id: 'email', label: 'E-mail', answer: 'ann@example.com' },
            { type: 'select', id: 'topic', label: 'What is it about?', answer: { id: 'order', label: 'An order' } },
          ],
        }),
      );
      customerId = incoming.payload.chat.users.find((u: { type: string }) => u.type === 'customer').id;
      expect((await callWeb(sb.url, 'agent', 'get_customer', { id: customerId }, { token: ownerToken })).body).toMatchObject({ name: 'Ann Example', email: 'ann@example.com' });

      // While the customer types, the agent sees the text (sneak peek); Enter sends it.
      await messageBox(widget).pressSequentially('Where is my kettle?', { delay: 30 });
      await agent.nextPush('incoming_sneak_peek', (f) => f.payload.chat_id === chatId && f.payload.sneak_peek.text === 'Where is my kettle?', WAIT_MS);
      await messageBox(widget).press('Enter');
      const message = await agent.nextPush('incoming_event', (f) => f.payload.chat_id === chatId && f.payload.event.text === 'Where is my kettle?', WAIT_MS);
      expect(message.payload.event.author_id).toBe(customerId);
      await seen(widget, 'Where is my kettle?');
      expect(await messageBox(widget).inputValue()).toBe('');

      // The agent types, then answers: both show at once.
      expect((await agent.request('send_typing_indicator', { chat_id: chatId, is_typing: true })).success).toBe(true);
      await seen(widget, 'Boss is typing…');
      expect((await agent.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'It ships today.' } })).success).toBe(true);
      await seen(widget, 'It ships today.');
      await widget.getByText('Boss is typing…').waitFor({ state: 'hidden', timeout: WAIT_MS });
      await screenshot(page, 'widget-open');
      expect(errors).toEqual([]);
    }, 120_000);

    it('a returning customer gets the same chat back after a reload; the agent closes it, and writing again resumes it', async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await seen(widget, 'Where is my kettle?');
      await seen(widget, 'It ships today.');

      expect((await agent.request('deactivate_chat', { id: chatId })).success).toBe(true);
      await seen(widget, 'The chat has ended.');
      await widget.getByRole('button', { name: 'Start a new chat' }).waitFor();

      // Same customer (the cookies), same chat: a new thread with the message.
      await messageBox(widget).fill('One more thing: can you gift-wrap it?');
      await widget.getByRole('button', { name: 'Send', exact: true }).click();
      const resumed = await agent.nextPush(
        'incoming_chat',
        (f) => f.payload.chat.id === chatId && f.payload.chat.thread.events.some((e: { text?: string }) => e.text === 'One more thing: can you gift-wrap it?'),
        WAIT_MS,
      );
      expect(resumed.payload.chat.thread.events).toContainEqual(expect.objectContaining({ type: 'message', author_id: customerId }));
      await widget.getByText('The chat has ended.').waitFor({ state: 'hidden', timeout: WAIT_MS });
      await seen(widget, 'One more thing: can you gift-wrap it?');
      expect(errors).toEqual([]);
    }, 120_000);

    it('reconnects by itself after the connection drops and shows what the agent wrote meanwhile', async () => {
      // The widget's RTM connection runs through a route the test can cut, and keep cut.
      let reachable = true;
      const cut: Array<() => Promise<void>> = [];
      await page.routeWebSocket(/\/customer\/rtm\/ws/, (socket) => {
        if (!reachable) return void socket.close();
        const server = socket.connectToServer();
        cut.push(async () => {
          await socket.close();
          await server.close();
        });
      });
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await seen(widget, 'One more thing: can you gift-wrap it?');

      reachable = false;
      for (const drop of cut.splice(0)) await drop();
      await seen(widget, 'Reconnecting…');
      expect((await agent.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'Sure, gift-wrapping is free.' } })).success).toBe(true);
      reachable = true;
      await seen(widget, 'Sure, gift-wrapping is free.');
      await seen(widget, "We're online");
      expect(errors).toEqual([]);
    }, 120_000);
  });

  it('on a phone: waits in the queue with its position while every seat is taken, then sends and receives files', async () => {
    const { organizationId, ownerToken } = await createOrganization(sb.url, sb.adminToken, 'Teapots');
    expect((await callWeb(sb.url, 'configuration', 'update_agent', { id: 'boss@teapots.example', max_chats_count: 1 }, { token: ownerToken })).status).toBe(200);
    const agent = await agentOnline(ownerToken);
    // Another customer takes the only seat.
    const other = await customerToken(sb.url, organizationId);
    const first = await callWeb(sb.url, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hi' }] } } }, { token: other.access_token, organizationId });
    await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === first.body.chat_id, WAIT_MS);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, errors, widget } = await visit(phone, `${sb.url}/demo/?organization_id=${organizationId}`);
    await page.getByRole('button', { name: 'Open chat' }).tap();
    // Full screen on a phone.
    await messageBox(widget).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('iframe[title="Chat"]').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });

    await messageBox(widget).fill('Is the glass teapot dishwasher-safe?');
    await messageBox(widget).press('Enter');
    await seen(widget, "You're number 1 in the queue.");

    // The seat frees up: the waiting chat goes to the agent, the widget stops showing the queue.
    expect((await agent.request('deactivate_chat', { id: first.body.chat_id })).success).toBe(true);
    const assigned = await agent.nextPush(
      'incoming_chat',
      (f) => f.payload.chat.thread.events.some((e: { text?: string }) => e.text === 'Is the glass teapot dishwasher-safe?'),
      WAIT_MS,
    );
    const chatId = assigned.payload.chat.id;
    await widget.getByText(/in the queue/).waitFor({ state: 'hidden', timeout: WAIT_MS });

    // A picture from the customer…
    const chooser = page.waitForEvent('filechooser', { timeout: WAIT_MS });
    await widget.getByRole('button', { name: 'Attach a file' }).tap();
    await (await chooser).setFiles({ name: 'teapot.png', mimeType: 'image/png', buffer: pngImage(160, 120) });
    const picture = await agent.nextPush('incoming_event', (f) => f.payload.chat_id === chatId && f.payload.event.type === 'file', WAIT_MS);
    expect(picture.payload.event).toMatchObject({ name: 'teapot.png', content_type: 'image/png', width: 160, height: 120 });
    await widget.getByRole('img', { name: 'teapot.png' }).waitFor({ timeout: WAIT_MS });

    // …and a document from the agent (uploaded over the Agent Chat API, multipart).
    const upload = new FormData();
    upload.append('file', new Blob(['Hand wash only.'], { type: 'text/plain' }), 'care-guide.txt');
    const uploaded = await fetch(`${sb.url}/v3.4/agent/action/upload_file`, { method: 'POST', headers: { Authorization: `Bearer ${ownerToken}` }, body: upload });
    expect(uploaded.status).toBe(200);
    const { url } = (await uploaded.json()) as { url: string };
    expect((await agent.request('send_event', { chat_id: chatId, event: { type: 'file', url } })).success).toBe(true);
    const link = widget.getByRole('link', { name: /care-guide\.txt/ });
    await link.waitFor({ timeout: WAIT_MS });
    expect(await (await fetch((await link.getAttribute('href'))!)).text()).toBe('Hand wash only.');
    await screenshot(page, 'widget-phone');

    // Minimized by its own button (the launcher is hidden under the full-screen panel).
    await widget.getByRole('button', { name: 'Minimize chat' }).tap();
    await page.locator('iframe[title="Chat"]').waitFor({ state: 'hidden', timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(errors).toEqual([]);
    await phone.close();
  }, 120_000);

  it('shows the offline state when nobody is online; the message left waits for the next agent', async () => {
    const { organizationId, ownerToken } = await createOrganization(sb.url, sb.adminToken, 'Flasks');
    const { page, errors, widget } = await visit(desktop, `${sb.url}/demo/?organization_id=${organizationId}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByRole('heading', { name: "We're offline — leave a message" }).waitFor({ timeout: WAIT_MS });
    await widget.getByLabel('Your name').fill('Olaf');
    await widget.getByLabel(/E-mail/).fill('olaf@example.no');
    await widget.getByLabel(/^Message/).fill('Do you ship to Norway?');
    await widget.getByRole('button', { name: 'Send message' }).click();
    await seen(widget, /We're offline right now\. Your message waits for the next agent/);
    await seen(widget, 'Do you ship to Norway?');

    // An agent comes online and gets the message; the customer sees the answer.
    const agent = await agentOnline(ownerToken);
    const incoming = await agent.nextPush('incoming_chat', (f) => f.payload.chat.thread.events.some((e: { text?: string }) => e.text === 'Do you ship to Norway?'), WAIT_MS);
    expect(incoming.payload.chat.users).toContainEqual(expect.objectContaining({ type: 'customer', name: 'Olaf', email: 'olaf@example.no' }));
    expect((await agent.request('send_event', { chat_id: incoming.payload.chat.id, event: { type: 'message', text: 'Yes, in 4 days.' } })).success).toBe(true);
    await seen(widget, 'Yes, in 4 days.');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  describe('on a third-party page', () => {
    let site: Server;

    afterAll(async () => {
      if (!site) return;
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    });

    it('embedded with the snippet on another origin: opens, sends, closes with Escape and counts the unread reply', async () => {
      const { organizationId, ownerToken } = await createOrganization(sb.url, sb.adminToken, 'Bikes');
      const agent = await agentOnline(ownerToken);
      const snippet = `<script src="${sb.url}/widget/embed.js" data-organization-id="${organizationId}" async></script>`;
      site = createServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><html lang="en"><head><title>Bike repairs</title><link rel="icon" href="data:,"></head><body><h1>Bike repairs</h1>${snippet}</body></html>`);
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      expect(new URL(siteUrl).origin).not.toBe(new URL(sb.url).origin);

      const { page, errors, widget } = await visit(desktop, siteUrl);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await messageBox(widget).fill('Do you fix disc brakes?');
      await messageBox(widget).press('Enter');
      const incoming = await agent.nextPush('incoming_chat', (f) => f.payload.chat.thread.events.some((e: { text?: string }) => e.text === 'Do you fix disc brakes?'), WAIT_MS);
      const chatId = incoming.payload.chat.id;
      // The agent knows where the customer is: the embedding page, told by the embed script.
      const customerId = incoming.payload.chat.users.find((u: { type: string }) => u.type === 'customer').id;
      const customer = await callWeb(sb.url, 'agent', 'get_customer', { id: customerId }, { token: ownerToken });
      expect(customer.body.last_visit.last_pages).toContainEqual(expect.objectContaining({ url: siteUrl, title: 'Bike repairs' }));

      // Escape closes the panel and gives the focus back to the launcher.
      await seen(widget, 'Do you fix disc brakes?');
      await messageBox(widget).press('Escape');
      await page.locator('iframe[title="Chat"]').waitFor({ state: 'hidden', timeout: WAIT_MS });
      await page.waitForFunction("document.querySelector('[data-switchboard-widget]').shadowRoot.activeElement?.getAttribute('aria-label') === 'Open chat'", undefined, {
        timeout: WAIT_MS,
      });

      // The reply arrives while the panel is closed: the launcher counts it; opening shows it.
      expect((await agent.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'Yes, bring it by.' } })).success).toBe(true);
      await page.getByRole('button', { name: 'Open chat, 1 unread' }).waitFor({ timeout: WAIT_MS });
      await page.keyboard.press('Enter');
      await seen(widget, 'Yes, bring it by.');

      // Closed by the agent; "Start a new chat" opens a new thread, which the agent gets.
      expect((await agent.request('deactivate_chat', { id: chatId })).success).toBe(true);
      await widget.getByRole('button', { name: 'Start a new chat' }).click();
      await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId && f.payload.chat.thread.id !== incoming.payload.chat.thread.id, WAIT_MS);
      await widget.getByText('The chat has ended.').waitFor({ state: 'hidden', timeout: WAIT_MS });

      await page.getByRole('button', { name: 'Minimize chat' }).click();
      await page.getByRole('button', { name: 'Open chat', exact: true }).waitFor({ timeout: WAIT_MS });
      expect(errors).toEqual([]);
    }, 120_000);
  });
});
