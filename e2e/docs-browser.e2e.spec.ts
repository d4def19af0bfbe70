import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { METHOD_CATALOG, SWITCHBOARD_EXTENSIONS } from '@switchboard/protocol';
import { launchChromium, pageErrors, screenshot, useEmbeddedSwitchboard } from '@switchboard/testing';

const WAIT = { timeout: 60_000 };
const key = (method: { api: string; action: string }) => `${method.api}/${method.action}`;

/** docs/method-index.md, the project's record of what this build implements, read here on its own. */
const INDEX_STATUS = new Map(
  [...readFileSync(join(__dirname, '../docs/method-index.md'), 'utf8').matchAll(/^\| (\w+) \| `(\w+)` \| .+ \| ([^|]+) \|$/gm)].map((row) => [`${row[1]}/${row[2]}`, row[3].trim()]),
);

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };
const unescapeHtml = (html: string) => html.replace(/&(lt|gt|quot|amp);/g, (entity) => ENTITIES[entity]);

/**
 * The API reference at /docs/ in Chromium, served by the embedded server:
 * every method with its status, the filters, links to a method, the tokens
 * walk-through, and a phone-sized screen.
 */
describe('the API docs at /docs/', () => {
  const switchboard = useEmbeddedSwitchboard('docs');
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = pageErrors(page);
  });
  afterEach(async () => {
    await page.close();
    expect(errors).toEqual([]);
  });

  /** The methods shown, as the reader sees them: anchor, name and status badge. */
  const visibleMethods = () =>
    page.locator('article.method:visible').evaluateAll((articles) =>
      articles.map((article) => ({ id: article.id, name: article.querySelector('h4')!.textContent, status: article.querySelector('.badge.status')!.textContent })),
    );

  it('lists all 117 methods of the three APIs with the status docs/method-index.md records, and the extensions', async () => {
    await page.goto(`${switchboard.url}/docs/`);
    await page.getByRole('heading', { name: 'Agent Chat API', level: 2 }).waitFor(WAIT);
    const shown = await visibleMethods();

    const methods = shown.filter((method) => !method.id.split('/')[1].startsWith('switchboard_'));
    // Grouped by family as the spec groups them, so not quite in the catalogue's order.
    expect(methods.map((method) => method.id).sort()).toEqual(METHOD_CATALOG.map(key).sort());
    expect(methods).toHaveLength(117);
    for (const method of methods) {
      expect([method.id, method.name, method.status]).toEqual([method.id, method.id.split('/')[1], INDEX_STATUS.get(method.id)]);
      expect(method.status).toBe('implemented');
    }
    expect(shown.slice(methods.length).map((method) => [method.id, method.status])).toEqual(SWITCHBOARD_EXTENSIONS.map((m) => [key(m), 'extension']));
    await page.getByText('This build implements 117 of the 117 methods').waitFor(WAIT);
    for (const api of ['agent', 'customer', 'configuration']) {
      const count = METHOD_CATALOG.filter((method) => method.api === api).length;
      await page.locator(`#${api}-api ~ .status-line`).getByText(`${count} methods, all implemented in this build.`).waitFor(WAIT);
    }
  }, 120_000);

  it('narrows the list by text, API and transport, and says how many are shown', async () => {
    await page.goto(`${switchboard.url}/docs/`);
    const search = page.getByLabel('Search methods');
    const count = page.getByRole('status');

    await search.fill('transfer');
    await count.getByText(/^Showing \d+ of 137 methods\.$/).waitFor(WAIT);
    const transfer = await visibleMethods();
    expect(transfer.map((method) => method.id)).toEqual(expect.arrayContaining(['agent/transfer_chat', 'agent/list_agents_for_transfer']));
    expect(transfer.length).toBeLessThan(10);
    await count.getByText(`Showing ${transfer.length} of 137 methods.`).waitFor(WAIT);

    await search.fill('send event');
    await page.getByLabel('API', { exact: true }).selectOption({ label: 'Customer Chat API' });
    await page.locator('article.method:visible h4', { hasText: /^send_event$/ }).waitFor(WAIT);
    const customer = await visibleMethods();
    expect(customer.map((method) => method.id)).toContain('customer/send_event');
    expect(customer.every((method) => method.id.startsWith('customer/'))).toBe(true);
    await expect(page.getByRole('heading', { name: 'Agent Chat API', level: 2 }).isVisible()).resolves.toBe(false);

    await search.fill('');
    await page.getByLabel('API', { exact: true }).selectOption('all');
    await page.getByLabel('Transport').selectOption({ label: 'RTM API' });
    const rtm = METHOD_CATALOG.filter((method) => method.rtm).map(key);
    await count.getByText(`Showing ${rtm.length} of 137 methods.`).waitFor(WAIT);
    expect((await visibleMethods()).map((method) => method.id)).toEqual(rtm);

    await search.fill('no such method anywhere');
    await count.getByText('No method matches.').waitFor(WAIT);
    expect(await visibleMethods()).toEqual([]);
  }, 120_000);

  it('opens the method an anchor names, with its request and response examples', async () => {
    await page.goto(`${switchboard.url}/docs/#agent/send_event`);
    const method = page.locator('[id="agent/send_event"]');
    await method.locator('details[open]').waitFor(WAIT);
    await method.getByText('POST /v3.4/agent/action/send_event').waitFor(WAIT);
    const request = JSON.parse((await method.locator('code[data-example="request"]').textContent())!);
    expect(request).toEqual({ chat_id: expect.any(String), event: expect.objectContaining({ type: 'message', text: expect.any(String) }) });
    const response = JSON.parse((await method.locator('code[data-example="response"]').textContent())!);
    expect(response).toEqual({ event_id: expect.any(String) });
    await screenshot(page, 'docs');

    // A link inside the page opens another method; its neighbours stay closed.
    await page.goto(`${switchboard.url}/docs/#configuration/register_webhook`);
    const webhook = page.locator('[id="configuration/register_webhook"]');
    await webhook.locator('details[open]').waitFor(WAIT);
    await webhook.getByRole('heading', { name: /^Request/ }).waitFor(WAIT);
    expect(await page.locator('[id="configuration/list_webhooks"] details').getAttribute('open')).toBeNull();
  }, 120_000);

  it('walks through the tokens, with this server as the base URL', async () => {
    await page.goto(`${switchboard.url}/docs/#tokens`);
    const tokens = page.locator('section', { has: page.getByRole('heading', { name: 'Tokens walk-through' }) });
    await tokens.waitFor(WAIT);
    for (const step of ['1. An organization and its owner', '2. Agents: sign-in links or tokens', '3. Personal access tokens', '5. Customers']) {
      await tokens.getByRole('heading', { name: step }).waitFor(WAIT);
    }
    const text = await tokens.textContent();
    for (const endpoint of ['/auth/sign_in_links', '/auth/sign_in', '/auth/agent_token', '/auth/personal_access_tokens', '/customer/token', 'create-organization']) {
      expect(text).toContain(endpoint);
    }
    await page.locator('#getting-started ~ p code', { hasText: switchboard.url }).waitFor(WAIT);
  }, 120_000);

  it('reads on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${switchboard.url}/docs/#customer/start_chat`);
    await page.locator('[id="customer/start_chat"] details[open]').waitFor(WAIT);
    await page.getByLabel('Search methods').waitFor(WAIT);
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'docs-phone');
  }, 120_000);

  it('serves a request example for every method, each valid JSON', async () => {
    const html = await (await fetch(`${switchboard.url}/docs/`)).text();
    const articles = html.split('<article class="method"').slice(1);
    expect(articles).toHaveLength(METHOD_CATALOG.length + SWITCHBOARD_EXTENSIONS.length);
    const multipart = articles.filter((article) => article.includes('data-example="multipart"'));
    expect(multipart.map((article) => /id="([^"]+)"/.exec(article)![1])).toEqual(['agent/upload_file', 'customer/upload_file']);
    for (const article of articles.filter((a) => !multipart.includes(a))) {
      const [, id] = /id="([^"]+)"/.exec(article)!;
      const example = /<code data-example="request">([^<]*)<\/code>/.exec(article);
      expect([id, example !== null]).toEqual([id, true]);
      expect(() => JSON.parse(unescapeHtml(example![1]))).not.toThrow();
    }
  }, 60_000);
});
