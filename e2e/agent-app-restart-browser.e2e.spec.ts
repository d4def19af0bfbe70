import { Browser } from 'playwright-core';
import { callWeb, launchChromium, pageErrors, screenshot, START_TIMEOUT_MS, useEmbeddedSwitchboard } from '@switchboard/testing';
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
  const switchboard = useEmbeddedSwitchboard('agent-app-restart', {}, { restartable: true });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('says it is offline while the server is down, reconnects by itself and shows what the customer wrote meanwhile, without a reload', async () => {
    const url = switchboard.url;
    const { organizationId, ownerToken } = await createOrganization(url, switchboard.adminToken, 'Acme');
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
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await switchboard.restart(async () => {
      await banner.waitFor(WAIT);
      await screenshot(page, 'agent-app-reconnecting');
    });

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
