import { Browser } from 'playwright-core';
import { launchChromium, pageErrors, screenshot, useEmbeddedSwitchboard } from '@switchboard/testing';
import { post } from './identity.scenario';

/** The page at `/` on a fresh install (ADR 0046), in Chromium: a newcomer sets up the first organization without a terminal. */
describe('the first-run page in a browser', () => {
  const switchboard = useEmbeddedSwitchboard('first-run-browser');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('creates the organization and its owner, shows the embed code and links, then never offers setup again', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors = pageErrors(page);
    await page.goto(`${switchboard.url}/`);
    await page.getByRole('heading', { name: 'Set up your organization' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'first-run');
    await page.getByLabel('Organization name').fill('Acme');
    await page.getByLabel('Your name').fill('Olive Owner');
    await page.getByLabel('Your e-mail').fill('olive@acme.example');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await page.getByRole('heading', { name: 'Acme is ready' }).waitFor({ timeout: 60_000 });
    const agentLink = page.getByRole('link', { name: 'Open the Agent App' });
    const href = (await agentLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/agent\/#sign-in=[\w-]+$/);
    const snippet = await page.getByLabel('Embed code').inputValue();
    const organizationId = /data-organization-id="([^"]+)"/.exec(snippet)?.[1];
    expect(snippet).toBe(`<script src="${switchboard.url}/widget/embed.js" data-organization-id="${organizationId}" async></script>`);
    expect(await page.getByRole('link', { name: /Widget demo/ }).getAttribute('href')).toBe(`/demo/?organization_id=${organizationId}`);
    await screenshot(page, 'first-run-done');

    // The link signs the owner in (the Agent App redeems it): it is the owner's, of this organization.
    const signedIn = await post(switchboard.url, '/auth/sign_in', { code: href.split('=')[1] });
    expect(signedIn.body).toMatchObject({ organization_id: organizationId, agent_id: 'olive@acme.example' });

    // Set up: `/` shows the links, never the form again.
    await page.goto(`${switchboard.url}/`);
    await page.getByText('Switchboard is running.').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Set up your organization' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Agent App/ }).getAttribute('href')).toBe('/agent/');
    expect(errors).toEqual([]);
  }, 120_000);

  it('works on a phone-sized screen with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${switchboard.url}/`);
    await page.getByText('Switchboard is running.').waitFor({ timeout: 30_000 });
    // Tab reaches the three links in order.
    const focused: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate<string>("document.activeElement.getAttribute('href') ?? ''"));
    }
    expect(focused).toEqual(['/agent/', '/demo/', '/docs/']);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  }, 60_000);
});
