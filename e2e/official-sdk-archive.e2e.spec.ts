import { Agent } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

/**
 * The official LiveChat JS SDK's `listArchives` (@livechat/lc-sdk-js) against
 * Switchboard with only its API host changed: the embedded mode, behind a
 * TLS-terminating proxy, through its Agent Web and RTM clients.
 */
describe('the official LiveChat JS SDK, archives', () => {
  let sdk: OfficialSdkHarness;
  let organizationId: string;
  let ownerToken: string;

  beforeAll(async () => {
    sdk = await OfficialSdkHarness.start();
    ({ organizationId, ownerToken } = await createOrganization(sdk.app.url, sdk.adminToken, 'SdkArchive'));
  }, 180_000);
  afterAll(() => sdk?.stop());

  const token = () => ({ accessToken: ownerToken, region: '', organizationID: organizationId });

  it('searches the archive through its Agent Web client: query, filters, pages, and the errors it reports', async () => {
    const api = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
    const started = [];
    for (const text of ['The kettle leaks', 'Kettle refund, please', 'Toaster is fine']) {
      const chat = await api.startChat({ chat: { thread: { events: [{ type: 'message', text }] } } } as never);
      await api.tagThread(chat.chat_id, chat.thread_id, text.startsWith('Toaster') ? 'toaster' : 'kettle');
      await api.deactivateChat(chat.chat_id);
      started.push(chat);
    }
    const [leaks, refund, toaster] = started;
    const found = await api.listArchives({ filters: { query: 'kettle' }, limit: 1 });
    expect(found.found_chats).toBe(2);
    expect(found.chats.map((c) => [c.id, c.thread.id])).toEqual([[refund.chat_id, refund.thread_id]]);
    expect(found.chats[0].thread.events[0]).toMatchObject({ type: 'message', text: 'Kettle refund, please' });
    const next = await api.listArchives({ page_id: found.next_page_id });
    expect(next.chats.map((c) => c.thread.id)).toEqual([leaks.thread_id]);
    expect(next.next_page_id).toBeUndefined();
    const tagged = await api.listArchives({ filters: { tags: { values: ['toaster'] } }, sort_order: 'asc' } as never);
    expect(tagged.chats.map((c) => c.thread.id)).toEqual([toaster.thread_id]);
    const byIds = await api.listArchives({ filters: { thread_ids: [leaks.thread_id, toaster.thread_id] }, sort_order: 'asc' } as never);
    expect(byIds.chats.map((c) => c.thread.id)).toEqual([leaks.thread_id, toaster.thread_id]);
    await expect(api.listArchives({ limit: 500 })).rejects.toMatchObject({ type: 'validation' });
    await expect(api.listArchives({ page_id: found.next_page_id, limit: 5 })).rejects.toMatchObject({ type: 'validation' });
  });

  it('searches the archive through its Agent RTM client, with highlights', async () => {
    const { chat_id: chatId } = await new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host }).startChat({
      chat: { thread: { events: [{ type: 'message', text: 'Which descaler fits?' }] } },
    } as never);
    // The SDK's WebSocket (ws 7) takes no TLS options: it runs in a process that trusts the proxy's certificate.
    const script = `
      const { Agent } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Agent.RTM({ apiUrl: process.env.SB_HOST });
        await rtm.connect();
        await rtm.login({ token: process.env.SB_TOKEN });
        const found = await rtm.listArchives({ filters: { query: 'descaler' }, highlights: {} });
        console.log(JSON.stringify(found));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const stdout = await sdk.runScript(script, { SB_TOKEN: `Bearer ${ownerToken}` });
    const found = JSON.parse(stdout);
    expect(found.found_chats).toBe(1);
    expect(found.chats[0].id).toBe(chatId);
    expect(found.chats[0].thread.highlight).toEqual([expect.objectContaining({ type: 'message', field: 'text', highlight: 'Which <em>descaler</em> fits?' })]);
  });
});
