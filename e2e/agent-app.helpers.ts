import { BrowserContext, Locator, Page } from 'playwright-core';
import { callWeb, RtmClient } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { post } from './identity.scenario';

/** Generous: a loaded 2-core machine runs these suites. */
export const WAIT = { timeout: 60_000 };

/** A customer as a chat widget holds one: a token, an RTM connection (answering the server's pings) and a chat. */
export interface TestCustomer {
  rtm: RtmClient;
  token: string;
  id: string;
  chatId: string;
  threadId: string;
}

/** A customer arrives on the shop's kettles page and starts a chat with `text`. */
export async function customerStartsChat(url: string, organizationId: string, name: string, text: string): Promise<TestCustomer> {
  const identity = await customerToken(url, organizationId);
  const rtm = await RtmClient.connect(url, 'customer', organizationId, { autoPong: true });
  const login = await rtm.request('login', {
    token: `Bearer ${identity.access_token}`,
    customer: { name, email: `${name.toLowerCase()}@shop.example`, session_fields: [{ plan: 'gold' }] },
    customer_page: { url: 'https://shop.example/kettles', title: 'Kettles' },
  });
  expect(login.success).toBe(true);
  const started = await rtm.request('start_chat', { chat: { thread: { events: [{ type: 'message', text }] } } });
  expect(started.success).toBe(true);
  return { rtm, token: identity.access_token, id: identity.entity_id, chatId: started.payload.chat_id, threadId: started.payload.thread_id };
}

/** What an owner does before the app exists for an agent: issue a sign-in link (`POST /auth/sign_in_links`). */
export async function signInLink(url: string, issuerToken: string, agentId: string): Promise<string> {
  const link = await post(url, '/auth/sign_in_links', { agent_id: agentId }, issuerToken);
  expect(link.status).toBe(200);
  expect(link.body.path).toMatch(/^\/agent\/#sign-in=[\w-]+$/);
  return `${url}${link.body.path}`;
}

/** Opens a sign-in link in a new page of `context` and waits for the signed-in app. */
export async function openSignedIn(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await myChats(page).waitFor(WAIT);
  return page;
}

/** The owner starts the app not accepting chats, so that going accepting is the test's own step. */
export async function startNotAccepting(url: string, ownerToken: string, agentId: string): Promise<void> {
  const updated = await callWeb(url, 'configuration', 'update_agent', { id: agentId, login_status: 'not accepting chats' }, { token: ownerToken });
  expect(updated.status).toBe(200);
}

export const chatList = (page: Page): Locator => page.getByRole('navigation', { name: 'Chat list' });
export const myChats = (page: Page): Locator => page.getByRole('region', { name: /^My chats/ });
export const queue = (page: Page): Locator => page.getByRole('region', { name: /^Queue/ });
export const otherChats = (page: Page): Locator => page.getByRole('region', { name: /^Other chats/ });
export const chatItem = (section: Locator, customer: string): Locator => section.getByRole('button', { name: new RegExp(`^${customer}\\b`) });
export const messages = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });
export const accepting = (page: Page): Locator => page.getByRole('switch', { name: 'Accepting chats' });

// Code run in the page is written as strings: the e2e TypeScript has no DOM types.

/** Waits until the routing switch shows `on`. */
export async function switchIs(page: Page, on: boolean): Promise<void> {
  await page.waitForFunction(`document.querySelector('input[role="switch"]')?.checked === ${on}`, undefined, { timeout: WAIT.timeout, polling: 100 });
}

/** The page fits its width: nothing scrolls sideways (phone-sized screens). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** What the app keeps in localStorage (`switchboard.agent`), or null. */
export interface StoredSession {
  access_token: string;
  agent_id: string;
  expires_in: number;
  expires_at: number;
}

export async function storedSession(page: Page): Promise<StoredSession | null> {
  return JSON.parse((await page.evaluate<string | null>(`localStorage.getItem('switchboard.agent')`)) ?? 'null');
}

export async function storeSession(page: Page, session: StoredSession): Promise<void> {
  await page.evaluate(`localStorage.setItem('switchboard.agent', ${JSON.stringify(JSON.stringify(session))})`);
}

/** Marks the document: a reload would lose the mark. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate('window.sameDocument = true');
}

export async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('window.sameDocument === true');
}
