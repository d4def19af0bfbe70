import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { callWeb, freePort, launchChromium, pageErrors, screenshot, spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';
import { chatItem, customerStartsChat, isSameDocument, markDocument, messages, myChats, signInLink, switchIs, WAIT } from './agent-app.helpers';

const OWNER = 'boss@acme.example';

/**
 * The Agent App while its server restarts (the same port and data folder):
 * it says so, reconnects by itself and resyncs the open chat without a
 * reload. The restart is its own suite: a second server start would make
 * the other one long.
 */
describe('the Agent App across a server restart', () => {
  let dir: string;
  let env: Record<string, string>;
  let app: SpawnedApp | undefined;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-agent-app-restart-'));
    env = { DATA_DIR: dir, PORT: String(await freePort()), RATE_LIMITS: 'off' };
    app = await spawnApp('switchboard', env, { timeoutMs: START_TIMEOUT_MS });
    browser = await launchChromium();
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('says it is offline while the server is down, reconnects by itself and shows what the customer wrote meanwhile, without a reload', async () => {
    const url = app!.url;
    const { organizationId, ownerToken } = await createOrganization(url, readFileSync(join(dir, 'admin-token'), 'utf8').trim(), 'Acme');
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors = pageErrors(page);
    // While the test holds the door shut, the app's reconnections fail as if Switchboard were still away.
    let hold = false;
    await page.routeWebSocket(/\/agent\/rtm\/ws/, (socket) => (hold ? socket.close() : socket.connectToServer()));
    await page.goto(await signInLink(url, ownerToken, OWNER));
    await switchIs(page, true);
    const customer = await customerStartsChat(url, organizationId, 'Cate', 'Hello before the restart');
    await chatItem(myChats(page), 'Cate').click();
    await messages(page).getByText('Hello before the restart').waitFor(WAIT);
    customer.rtm.close();
    // A reload would lose this.
    await markDocument(page);

    hold = true;
    expect(await app!.stop('SIGTERM')).toBe(0);
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await banner.waitFor(WAIT);
    await screenshot(page, 'agent-app-reconnecting');
    app = await spawnApp('switchboard', env, { timeoutMs: START_TIMEOUT_MS });
    expect(app.url).toBe(url);

    // The customer writes while the app is still away: no push can bring it, only the resync after login.
    const sent = await callWeb(url, 'customer', 'send_event', { chat_id: customer.chatId, event: { type: 'message', text: 'Are you still there?' } }, { token: customer.token, organizationId });
    expect(sent.status).toBe(200);
    expect(await banner.isVisible()).toBe(true);
    hold = false;

    await messages(page).getByText('Are you still there?').waitFor(WAIT);
    await banner.waitFor({ ...WAIT, state: 'hidden' });
    await chatItem(myChats(page), 'Cate').waitFor(WAIT);
    // Back with the routing status it had (login with `reconnect`), in the same document.
    await switchIs(page, true);
    expect(await isSameDocument(page)).toBe(true);
    // The browser reports the refused connections while the server was down; nothing else went wrong.
    expect(errors.filter((error) => !/WebSocket connection to .* failed/.test(error))).toEqual([]);
  }, 2 * START_TIMEOUT_MS + 60_000);
});
