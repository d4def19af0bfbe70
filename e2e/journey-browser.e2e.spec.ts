import { Browser, FrameLocator } from 'playwright-core';
import { callWeb, launchChromium, pageErrors, pngImage, screenshot, START_TIMEOUT_MS, useEmbeddedSwitchboard } from '@switchboard/testing';
import { accepting, chatItem, messages, myChats, storedSession, switchIs, WAIT } from './agent-app.helpers';

const PRECHAT = {
  id: 'prechat',
  fields: [
    { id: 'name', type: 'name', label: 'Your name', required: true },
    { id: 'email', type: 'email', label: 'E-mail', required: true },
  ],
};

/** Errors a page may log while its server is down on purpose: refused reconnections. */
const expectedWhileDown = (error: string) => /WebSocket connection to .* failed|Failed to load resource: net::ERR_CONNECTION_REFUSED/.test(error);

/**
 * Issue 13's "done when", in Chromium against one embedded server, nothing
 * done in a terminal: a newcomer sets up the organization on `/`, signs in
 * to the Agent App and goes accepting; a customer on the demo page fills the
 * prechat form and writes; the owner answers (files both ways), brings a
 * colleague in with a sign-in link and transfers the chat to him; he closes
 * it. The customer sees every step. Then the server restarts and both ends
 * carry on without a reload.
 */
describe('a newcomer holds a conversation between the Agent App and the widget', () => {
  // Rate limits as shipped: a newcomer's install.
  const switchboard = useEmbeddedSwitchboard('journey', { RATE_LIMITS: 'on' }, { restartable: true });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('from first run to a closed, transferred chat, then across a server restart', async () => {
    const url = switchboard.url;
    const desk = { viewport: { width: 1280, height: 800 } };

    // 1. First run: the organization and its owner, then straight into the Agent App.
    const owner = await (await browser.newContext(desk)).newPage();
    const ownerErrors = pageErrors(owner);
    await owner.goto(`${url}/`);
    await owner.getByLabel('Organization name').fill('Kettle & Co.');
    await owner.getByLabel('Your name').fill('Olive');
    await owner.getByLabel('Your e-mail').fill('olive@kettle.example');
    await owner.getByRole('button', { name: 'Create organization' }).click();
    const demoHref = (await owner.getByRole('link', { name: /Widget demo/ }).getAttribute('href'))!;
    await owner.getByRole('link', { name: 'Open the Agent App' }).click();
    await myChats(owner).waitFor(WAIT);
    // A new owner starts accepting chats (ADR 0006); the switch turns it off and on again.
    await switchIs(owner, true);
    await accepting(owner).click();
    await switchIs(owner, false);
    await accepting(owner).click();
    await switchIs(owner, true);
    // The owner's prechat form, set with the Configuration API like any integration would.
    const ownerToken = (await storedSession(owner))!.access_token;
    expect((await callWeb(url, 'configuration', 'switchboard_set_form', { group_id: 0, type: 'prechat', form: PRECHAT }, { token: ownerToken })).status).toBe(200);

    // 2. A customer opens the demo page, fills the prechat form and writes.
    const shop = await (await browser.newContext(desk)).newPage();
    const shopErrors = pageErrors(shop);
    await shop.goto(`${url}${demoHref}`);
    const widget: FrameLocator = shop.frameLocator('iframe[title="Chat"]');
    await shop.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Your name').fill('Ann Example');
    await widget.getByLabel('E-mail').fill('ann@example.com');
    await widget.getByRole('button', { name: 'Start the chat' }).click();
    const messageBox = widget.getByLabel('Message', { exact: true });
    await messageBox.fill('My kettle whistles too early');
    await messageBox.press('Enter');

    // 3. The owner sees it arrive, opens it and replies; the customer sees the reply.
    const ann = chatItem(myChats(owner), 'Ann Example');
    await ann.getByText('My kettle whistles too early').waitFor(WAIT);
    await ann.click();
    await messages(owner).getByText('My kettle whistles too early').waitFor(WAIT);
    await owner.getByRole('complementary', { name: 'Customer' }).getByText('ann@example.com').waitFor(WAIT);
    const reply = owner.getByRole('textbox', { name: 'Your message' });
    await reply.fill('Let me check the lid for you.');
    await reply.press('Enter');
    await widget.getByText('Let me check the lid for you.').waitFor(WAIT);
    // Two messages sent as fast as one types: neither waits for the other to be answered, both arrive, in order.
    await reply.fill('One moment,');
    await reply.press('Enter');
    await reply.fill('looking it up.');
    await reply.press('Enter');
    await widget.getByText('looking it up.').waitFor(WAIT);
    const conversation = await widget.locator('body').innerText();
    expect(conversation.indexOf('One moment,')).toBeGreaterThan(-1);
    expect(conversation.indexOf('One moment,')).toBeLessThan(conversation.indexOf('looking it up.'));

    // 4. Files both ways: a photo from the customer, a manual from the owner.
    const chooser = shop.waitForEvent('filechooser', WAIT);
    await widget.getByRole('button', { name: 'Attach a file' }).click();
    await (await chooser).setFiles({ name: 'lid.png', mimeType: 'image/png', buffer: pngImage(120, 90) });
    await messages(owner).getByRole('img', { name: 'lid.png' }).waitFor(WAIT);
    await owner.getByLabel('Send a file').setInputFiles({ name: 'manual.txt', mimeType: 'text/plain', buffer: Buffer.from('Seat the lid firmly.\n') });
    const manual = widget.getByRole('link', { name: /manual\.txt/ });
    await manual.waitFor(WAIT);
    expect(await (await fetch((await manual.getAttribute('href'))!)).text()).toBe('Seat the lid firmly.\n');
    await screenshot(owner, 'journey-agent-app');
    await screenshot(shop, 'journey-widget');

    // 5. The owner brings Bob in: an agent and his sign-in link, opened in his own browser.
    await owner.getByRole('button', { name: 'Agents' }).click();
    await owner.getByLabel('E-mail').fill('bob@kettle.example');
    await owner.getByLabel('Name', { exact: true }).fill('Bob');
    await owner.getByRole('button', { name: 'Add agent' }).click();
    const bobLink = owner.getByRole('textbox', { name: 'Sign-in link' });
    await bobLink.waitFor(WAIT);
    const bob = await (await browser.newContext(desk)).newPage();
    const bobErrors = pageErrors(bob);
    await bob.goto(await bobLink.inputValue());
    await myChats(bob).waitFor(WAIT);

    // 6. The owner transfers the chat to Bob; Bob answers and closes it; the customer sees each step.
    await owner.getByRole('button', { name: /^Chats/ }).click();
    await ann.click();
    await owner.getByRole('button', { name: 'Transfer', exact: true }).click();
    const target = owner.getByLabel('Transfer to');
    await target.locator('option', { hasText: 'Bob' }).waitFor({ ...WAIT, state: 'attached' });
    await target.selectOption({ label: 'Bob (0 active chats)' });
    await owner.getByRole('button', { name: 'Transfer the chat' }).click();
    await widget.getByText(/transferred/i).first().waitFor(WAIT);
    const bobsAnn = chatItem(myChats(bob), 'Ann Example');
    await bobsAnn.click();
    await messages(bob).getByText('Let me check the lid for you.').waitFor(WAIT);
    const bobReply = bob.getByRole('textbox', { name: 'Your message' });
    await bobReply.fill('Bob here: a new lid is on its way.');
    await bobReply.press('Enter');
    await widget.getByText('Bob here: a new lid is on its way.').waitFor(WAIT);
    await bob.getByRole('button', { name: 'Close chat' }).click();
    await widget.getByText('The chat has ended.').waitFor(WAIT);
    await bobsAnn.waitFor({ ...WAIT, state: 'detached' });
    // Bob is not accepting chats (he may have signed in so, or turns it off): what comes next goes to the owner.
    if (await accepting(bob).isChecked()) await accepting(bob).click();
    await switchIs(bob, false);

    // 7. The server restarts (same address and data): both apps say so, reconnect by themselves, and carry on.
    await switchboard.restart(async () => {
      await owner.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor(WAIT);
      await widget.getByText('Reconnecting…').waitFor(WAIT);
    });
    await owner.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ ...WAIT, state: 'hidden' });
    await widget.getByText('Reconnecting…').waitFor({ ...WAIT, state: 'hidden' });
    await messageBox.fill('One more question about descaling');
    await messageBox.press('Enter');
    await chatItem(myChats(owner), 'Ann Example').getByText('One more question about descaling').waitFor(WAIT);
    await chatItem(myChats(owner), 'Ann Example').click();
    await reply.fill('Vinegar and water, once a month.');
    await reply.press('Enter');
    await widget.getByText('Vinegar and water, once a month.').waitFor(WAIT);

    for (const errors of [ownerErrors, shopErrors, bobErrors]) expect(errors.filter((e) => !expectedWhileDown(e))).toEqual([]);
  }, 2 * START_TIMEOUT_MS + 240_000);
});
