import { Browser, BrowserContext, Page } from 'playwright-core';
import { callWeb, launchChromium, pageErrors, pngImage, RtmClient, screenshot, useEmbeddedSwitchboard } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';
import { post } from './identity.scenario';
import { uploadFile } from './files.scenario';
import {
  accepting,
  chatItem,
  customerStartsChat,
  fitsWidth,
  messages,
  myChats,
  openSignedIn,
  otherChats,
  queue,
  signInLink,
  startNotAccepting,
  storedSession,
  storeSession,
  switchIs,
  TestCustomer,
  WAIT,
} from './agent-app.helpers';

const OWNER = 'boss@acme.example';
const BOB = 'bob@acme.example';

/**
 * The Agent App at /agent/ in Chromium against the embedded server, the
 * customer played by an RTM client as a chat widget would: the owner signs
 * in with a link, takes a chat, talks, sends and receives files, brings a
 * colleague in from the browser, transfers the chat to him, and finds it in
 * the archive once he closed it.
 */
describe('the Agent App in a browser', () => {
  const switchboard = useEmbeddedSwitchboard('agent-app-browser');
  let browser: Browser;
  let ownerContext: BrowserContext;
  let owner: Page;
  let ownerErrors: string[];
  let organizationId: string;
  let ownerToken: string;
  let cate: TestCustomer;
  let ownerLink: string;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ organizationId, ownerToken } = await createOrganization(switchboard.url, switchboard.adminToken, 'Acme'));
    await startNotAccepting(switchboard.url, ownerToken, OWNER);
    ownerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    cate?.rtm.close();
    await browser?.close();
  });

  it('signs the owner in with a link, goes accepting, and holds a conversation: the chat arrives live with an unread count, the reply reaches the customer, her typing shows', async () => {
    ownerLink = await signInLink(switchboard.url, ownerToken, OWNER);
    owner = await ownerContext.newPage();
    ownerErrors = pageErrors(owner);
    await owner.goto(ownerLink);
    await myChats(owner).waitFor(WAIT);
    // The code left the address bar; the session is kept for the next visit.
    expect(new URL(owner.url()).hash).toBe('');
    expect((await storedSession(owner))?.agent_id).toBe(OWNER);

    await switchIs(owner, false);
    await accepting(owner).click();
    await switchIs(owner, true);

    cate = await customerStartsChat(switchboard.url, organizationId, 'Cate', 'Hello, my kettle leaks');
    const item = chatItem(myChats(owner), 'Cate');
    await item.getByText('1 unread').waitFor(WAIT);
    await item.getByText('Hello, my kettle leaks').waitFor(WAIT);

    // Opening the chat shows its history and marks it seen (the customer is told).
    await item.click();
    await messages(owner).getByText('Hello, my kettle leaks').waitFor(WAIT);
    await item.getByText('1 unread').waitFor({ ...WAIT, state: 'detached' });
    await cate.rtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === OWNER, WAIT.timeout);

    // The customer types: the agent sees it, with the sneak peek of the text not sent yet.
    expect((await cate.rtm.request('send_sneak_peek', { chat_id: cate.chatId, sneak_peek_text: 'It started yester' })).success).toBe(true);
    await owner.getByText('Cate is typing…').waitFor(WAIT);
    await owner.getByText('It started yester').waitFor(WAIT);

    // The agent types (the customer is told) and sends with Enter.
    const box = owner.getByRole('textbox', { name: 'Your message' });
    await box.pressSequentially('Sorry to hear');
    await cate.rtm.nextPush('incoming_typing_indicator', (f) => f.payload.typing_indicator.is_typing === true, WAIT.timeout);
    await box.pressSequentially(' that! Since when?');
    await box.press('Enter');
    const reply = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.text === 'Sorry to hear that! Since when?', WAIT.timeout);
    expect(reply.payload.event).toMatchObject({ type: 'message', author_id: OWNER });
    await messages(owner).getByText('Sorry to hear that! Since when?').waitFor(WAIT);
    expect(await box.inputValue()).toBe('');

    // The customer's answer arrives live in the open chat, which stays read (and Switchboard is told so).
    const answer = await cate.rtm.request('send_event', { chat_id: cate.chatId, event: { type: 'message', text: 'Since yesterday' } });
    expect(answer.success).toBe(true);
    await messages(owner).getByText('Since yesterday').waitFor(WAIT);
    await owner.getByText('Cate is typing…').waitFor({ ...WAIT, state: 'detached' });
    const answered = (await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.id === answer.payload.event_id, WAIT.timeout)).payload.event.created_at;
    await cate.rtm.nextPush('events_marked_as_seen', (f) => f.payload.user_id === OWNER && f.payload.seen_up_to >= answered, WAIT.timeout);
    expect(await item.getByText(/unread/).count()).toBe(0);

    // The customer's details, and the pages she opens, live.
    const details = owner.getByRole('complementary', { name: 'Customer' });
    await details.getByText('cate@shop.example').waitFor(WAIT);
    await details.getByText('gold').waitFor(WAIT);
    await details.getByRole('link', { name: 'Kettles' }).waitFor(WAIT);
    expect((await cate.rtm.request('update_customer_page', { url: 'https://shop.example/cart', title: 'Cart' })).success).toBe(true);
    await details.getByRole('link', { name: 'Cart' }).waitFor(WAIT);
    await screenshot(owner, 'agent-app-chat');

    // On a phone: the chat alone, a way back to the list, nothing wider than the screen.
    await owner.setViewportSize({ width: 390, height: 844 });
    const back = owner.getByRole('button', { name: 'Back to chats' });
    await back.waitFor(WAIT);
    expect(await chatItem(myChats(owner), 'Cate').isVisible()).toBe(false);
    expect(await fitsWidth(owner)).toBe(true);
    await screenshot(owner, 'agent-app-phone');
    await back.click();
    await item.waitFor(WAIT);
    // Focus returns to the chat the agent came from.
    await owner.waitForFunction(`document.activeElement?.getAttribute('data-chat-id') === '${cate.chatId}'`, undefined, WAIT);
    await screenshot(owner, 'agent-app-phone-list');
    await owner.setViewportSize({ width: 1280, height: 800 });
    await item.click();
    expect(ownerErrors).toEqual([]);
  }, 180_000);

  it('sends a file from the browser and shows the picture the customer sends', async () => {
    await owner.getByLabel('Send a file').setInputFiles({ name: 'manual.txt', mimeType: 'text/plain', buffer: Buffer.from('Descale monthly.\n') });
    const sent = await cate.rtm.nextPush('incoming_event', (f) => f.payload.event.type === 'file', WAIT.timeout);
    expect(sent.payload.event).toMatchObject({ name: 'manual.txt', content_type: 'text/plain', author_id: OWNER });
    expect(await (await fetch(sent.payload.event.url)).text()).toBe('Descale monthly.\n');
    await messages(owner).getByRole('link', { name: /manual\.txt/ }).waitFor(WAIT);

    const upload = await uploadFile(switchboard.url, 'customer', { name: 'kettle.png', type: 'image/png', bytes: pngImage(40, 30) }, { token: cate.token, organizationId });
    expect(upload.status).toBe(200);
    expect((await cate.rtm.request('send_event', { chat_id: cate.chatId, event: { type: 'file', url: upload.body.url } })).success).toBe(true);
    const picture = messages(owner).getByRole('img', { name: 'kettle.png' });
    await picture.waitFor(WAIT);
    await owner.waitForFunction(`[...document.querySelectorAll('img[alt="kettle.png"]')].some((image) => image.complete && image.naturalWidth > 0)`, undefined, WAIT);
    await screenshot(owner, 'agent-app-files');
    expect(ownerErrors).toEqual([]);
  }, 120_000);

  it('brings a colleague in from the browser, transfers the chat to him, he adds the owner back and closes it; the archive finds it, tagged', async () => {
    // The owner adds Bob and gives him his sign-in link.
    await owner.getByRole('button', { name: 'Agents' }).click();
    await owner.getByLabel('E-mail').fill(BOB);
    await owner.getByLabel('Name', { exact: true }).fill('Bob');
    await owner.getByRole('button', { name: 'Add agent' }).click();
    await owner.getByRole('cell', { name: BOB }).waitFor(WAIT);
    const linkField = owner.getByRole('textbox', { name: 'Sign-in link' });
    await linkField.waitFor(WAIT);
    const bobLink = await linkField.inputValue();
    expect(bobLink).toMatch(new RegExp(`^${switchboard.url}/agent/#sign-in=[\\w-]+$`));
    await screenshot(owner, 'agent-app-agents');

    // Bob opens it in his own browser.
    const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const bob = await openSignedIn(bobContext, bobLink);
    const bobErrors = pageErrors(bob);
    expect(await bob.getByRole('button', { name: 'Agents' }).count()).toBe(0);

    // The owner tags the thread, then transfers the chat to Bob.
    await owner.getByRole('button', { name: /^Chats/ }).click();
    await chatItem(myChats(owner), 'Cate').click();
    await owner.getByRole('button', { name: 'Tags' }).click();
    await owner.getByLabel('New tag').fill('billing');
    await owner.getByRole('button', { name: 'Add tag' }).click();
    await owner.getByText('Tags: billing').waitFor(WAIT);
    await owner.getByRole('button', { name: 'Transfer', exact: true }).click();
    const target = owner.getByLabel('Transfer to');
    await target.locator('option', { hasText: 'Bob' }).waitFor({ ...WAIT, state: 'attached' });
    await target.selectOption({ label: 'Bob (0 active chats)' });
    await owner.getByRole('button', { name: 'Transfer the chat' }).click();

    // Bob sees it arrive with its history; the customer is told; the owner still sees it, among the others.
    await chatItem(myChats(bob), 'Cate').click();
    await messages(bob).getByText('Boss transferred the chat to Bob').waitFor(WAIT);
    await messages(bob).getByText('Since yesterday').waitFor(WAIT);
    await cate.rtm.nextPush('chat_transferred', (f) => f.payload.chat_id === cate.chatId, WAIT.timeout);
    await chatItem(otherChats(owner), 'Cate').waitFor(WAIT);

    // Bob adds the owner back as a colleague.
    await bob.getByRole('button', { name: 'Add a colleague' }).click();
    const colleague = bob.getByLabel('Colleague');
    await colleague.locator('option', { hasText: 'Boss' }).waitFor({ ...WAIT, state: 'attached' });
    await colleague.selectOption({ label: 'Boss' });
    await bob.getByRole('button', { name: 'Add to the chat' }).click();
    await messages(bob).getByText('Bob added Boss to the chat').waitFor(WAIT);
    await cate.rtm.nextPush('user_added_to_chat', (f) => f.payload.user.id === OWNER, WAIT.timeout);
    await chatItem(myChats(owner), 'Cate').waitFor(WAIT);
    await screenshot(bob, 'agent-app-transferred');

    // Bob closes the chat: it leaves both lists, the customer is told.
    await bob.getByRole('button', { name: 'Close chat' }).click();
    await bob.getByText('This chat is closed.').waitFor(WAIT);
    await cate.rtm.nextPush('chat_deactivated', (f) => f.payload.chat_id === cate.chatId, WAIT.timeout);
    await chatItem(myChats(bob), 'Cate').waitFor({ ...WAIT, state: 'detached' });
    await chatItem(myChats(owner), 'Cate').waitFor({ ...WAIT, state: 'detached' });

    // The owner searches the archive and reads the closed chat, read-only.
    await owner.getByRole('button', { name: 'Archive' }).click();
    await owner.getByLabel('Search the archive').fill('kettle');
    await owner.getByRole('button', { name: 'Search' }).click();
    const hit = owner.getByRole('region', { name: 'Archive' }).getByRole('button', { name: /^Cate/ });
    await hit.getByText('Tags: billing').waitFor(WAIT);
    await hit.click();
    const archived = owner.getByRole('group', { name: 'Archived messages' });
    await archived.getByText('Bob archived the chat').waitFor(WAIT);
    await archived.getByText('Hello, my kettle leaks').waitFor(WAIT);
    expect(await owner.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);
    await screenshot(owner, 'agent-app-archive');
    expect(bobErrors).toEqual([]);
    expect(ownerErrors).toEqual([]);
    await bobContext.close();
  }, 180_000);

  it('shows chats nobody takes in the queue, live, until the owner joins one and a colleague is given the other, which it then follows until it closes', async () => {
    await owner.getByRole('button', { name: /^Chats/ }).click();
    await accepting(owner).click();
    await switchIs(owner, false);
    const dan = await customerStartsChat(switchboard.url, organizationId, 'Dan', 'Anyone there?');
    const eve = await customerStartsChat(switchboard.url, organizationId, 'Eve', 'Hello?');
    const bob = await RtmClient.connect(switchboard.url, 'agent', undefined, { autoPong: true });
    try {
      await chatItem(queue(owner), 'Dan').getByText(/^#1/).waitFor(WAIT);
      await chatItem(queue(owner), 'Eve').getByText(/^#2/).waitFor(WAIT);
      await screenshot(owner, 'agent-app-queue');

      // The owner joins Dan's chat from the queue; Eve moves up.
      await chatItem(queue(owner), 'Dan').click();
      await owner.getByText('Waiting in the queue, position 1').waitFor(WAIT);
      await owner.getByRole('button', { name: 'Join the chat' }).click();
      await chatItem(myChats(owner), 'Dan').waitFor(WAIT);
      await owner.getByRole('textbox', { name: 'Your message' }).waitFor(WAIT);
      await chatItem(queue(owner), 'Eve').getByText(/^#1/).waitFor(WAIT);

      // With the keyboard alone: Enter opens the chat (its title takes the focus), Tab leads to the message box, Enter sends.
      await chatItem(myChats(owner), 'Dan').focus();
      await owner.keyboard.press('Enter');
      await owner.waitForFunction(`document.activeElement?.id === 'chat-title'`, undefined, WAIT);
      const stops: string[] = [];
      for (let press = 0; press < 12 && stops.at(-1) !== 'Your message'; press++) {
        await owner.keyboard.press('Tab');
        stops.push(await owner.evaluate<string>(`document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent.trim()`));
      }
      expect(stops).toEqual(['Transfer', 'Add a colleague', 'Tags', 'Close chat', 'Your message']);
      await owner.keyboard.type('Right here!');
      await owner.keyboard.press('Enter');
      await dan.rtm.nextPush('incoming_event', (f) => f.payload.event.text === 'Right here!', WAIT.timeout);

      // Bob comes online (an RTM client) and the router gives him Eve: she leaves the queue, still in the owner's sight.
      const bobToken = await post(switchboard.url, '/auth/agent_token', { agent_id: BOB }, ownerToken);
      expect((await bob.request('login', { token: `Bearer ${bobToken.body.access_token}` })).success).toBe(true);
      expect((await bob.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
      await bob.nextPush('incoming_chat', (f) => f.payload.chat.id === eve.chatId, WAIT.timeout);
      await chatItem(otherChats(owner), 'Eve').waitFor(WAIT);
      expect(await chatItem(queue(owner), 'Eve').count()).toBe(0);

      // Bob closes it: it leaves the owner's list too.
      expect((await bob.request('deactivate_chat', { id: eve.chatId })).success).toBe(true);
      await chatItem(otherChats(owner), 'Eve').waitFor({ ...WAIT, state: 'detached' });
      expect(ownerErrors).toEqual([]);
    } finally {
      for (const client of [bob, dan.rtm, eve.rtm]) client.close();
    }
  }, 120_000);

  it('transfers a chat to a group: an agent of the group gets it, the customer is told, the owner keeps it in sight', async () => {
    const created = await callWeb(switchboard.url, 'configuration', 'create_group', { name: 'Billing', agent_priorities: { [BOB]: 'normal' } }, { token: ownerToken });
    expect(created.status).toBe(200);
    const fay = await customerStartsChat(switchboard.url, organizationId, 'Fay', 'A question about my invoice');
    const bob = await RtmClient.connect(switchboard.url, 'agent', undefined, { autoPong: true });
    try {
      // The owner takes Fay from the queue (not accepting), then hands her to Billing, where Bob accepts chats.
      await chatItem(queue(owner), 'Fay').click();
      await owner.getByRole('button', { name: 'Join the chat' }).click();
      await chatItem(myChats(owner), 'Fay').waitFor(WAIT);
      const bobToken = await post(switchboard.url, '/auth/agent_token', { agent_id: BOB }, ownerToken);
      expect((await bob.request('login', { token: `Bearer ${bobToken.body.access_token}` })).success).toBe(true);
      expect((await bob.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
      await owner.getByRole('button', { name: 'Transfer', exact: true }).click();
      const target = owner.getByLabel('Transfer to');
      await target.locator('option', { hasText: 'Billing' }).waitFor({ ...WAIT, state: 'attached' });
      await target.selectOption({ label: 'Billing' });
      await owner.getByRole('button', { name: 'Transfer the chat' }).click();

      const transferred = await fay.rtm.nextPush('chat_transferred', (f) => f.payload.chat_id === fay.chatId, WAIT.timeout);
      expect(transferred.payload.transferred_to).toEqual({ group_ids: [created.body.id], agent_ids: [BOB] });
      const given = await bob.nextPush('incoming_chat', (f) => f.payload.chat.id === fay.chatId, WAIT.timeout);
      expect(given.payload.chat.access.group_ids).toEqual([created.body.id]);
      await chatItem(otherChats(owner), 'Fay').waitFor(WAIT);
      expect(await chatItem(myChats(owner), 'Fay').count()).toBe(0);
      expect(ownerErrors).toEqual([]);
    } finally {
      for (const client of [bob, fay.rtm]) client.close();
    }
  }, 120_000);

  it('renews its token while open, and sends an agent whose tokens were revoked back to the signed-out screen', async () => {
    const context = await browser.newContext();
    const bob = await openSignedIn(context, await signInLink(switchboard.url, ownerToken, BOB));
    const errors = pageErrors(bob);
    const first = (await storedSession(bob))!;
    // Make the kept session say that less than half of its lifetime is left (a day-long token with 8 h to go): the app renews it at once.
    await storeSession(bob, { ...first, expires_in: 86_400 });
    const renewal = bob.waitForResponse((response) => response.url().endsWith('/auth/agent_token'), WAIT);
    await bob.reload();
    expect((await renewal).status()).toBe(200);
    // The renewed token is kept (within the same second it may equal the old one: same claims).
    await bob.waitForFunction(`JSON.parse(localStorage.getItem('switchboard.agent')).expires_in === ${first.expires_in}`, undefined, WAIT);
    await myChats(bob).waitFor(WAIT);

    // The owner revokes Bob's tokens: the open app shows why it signed out and forgets the token.
    expect((await post(switchboard.url, '/auth/revoke', { agent_id: BOB }, ownerToken)).status).toBe(200);
    await bob.getByText('Your sign-in has ended; ask your owner for a new sign-in link.').waitFor(WAIT);
    expect(await storedSession(bob)).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('refuses a used sign-in link with a clear message, and signing out forgets the session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(ownerLink);
    await page.getByText('This sign-in link is not valid any more; ask your owner for a new one.').waitFor(WAIT);
    expect(await storedSession(page)).toBeNull();
    // The refused sign-in is the one console error the browser reports (its 401).
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    await context.close();

    // Settings: the widget's embed snippet and demo page for this organization.
    await owner.getByRole('button', { name: 'Settings' }).click();
    expect(await owner.getByRole('textbox', { name: 'Embed snippet' }).inputValue()).toBe(
      `<script src="${switchboard.url}/widget/embed.js" data-organization-id="${organizationId}" async></script>`,
    );
    expect(await owner.getByRole('link', { name: /demo page/ }).getAttribute('href')).toBe(`/demo/?organization_id=${organizationId}`);
    await screenshot(owner, 'agent-app-settings');

    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByText('You are signed out.', { exact: false }).waitFor(WAIT);
    expect(await storedSession(owner)).toBeNull();
    expect(ownerErrors).toEqual([]);
  }, 60_000);
});
