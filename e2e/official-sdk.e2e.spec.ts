import { Agent, Configuration, Customer } from '@livechat/lc-sdk-js';
import { OfficialSdkHarness, pngImage } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { uploadFile } from './files.scenario';
import { KETTLE_IMAGE, startPageServer } from './session.scenario';

/**
 * The official LiveChat JS SDK (@livechat/lc-sdk-js) against Switchboard,
 * with only its API host changed — as an integrator would use it. The
 * embedded mode, behind a TLS-terminating proxy.
 */
describe('the official LiveChat JS SDK', () => {
  let sdk: OfficialSdkHarness;
  let organizationId: string;
  let ownerToken: string;

  beforeAll(async () => {
    sdk = await OfficialSdkHarness.start({ URL_INFO_ALLOW_PRIVATE: '1' });
    ({ organizationId, ownerToken } = await createOrganization(sdk.app.url, sdk.adminToken, 'Sdk'));
  }, 180_000);
  afterAll(() => sdk?.stop());

  const token = () => ({ accessToken: ownerToken, region: '', organizationID: organizationId });
  const configuration = () => new Configuration.Web('sdk-test', token, { apiUrl: sdk.proxy.host });

  it('manages agents and groups through its Configuration client', async () => {
    const api = configuration();
    await expect(api.createAgent('jo@sdk.example', { name: 'Jo', max_chats_count: 3 })).resolves.toEqual({ id: 'jo@sdk.example' });
    await expect(api.getAgent('jo@sdk.example', ['max_chats_count'])).resolves.toMatchObject({ id: 'jo@sdk.example', name: 'Jo', max_chats_count: 3 });
    expect((await api.listAgents()).map((a: { id: string }) => a.id).sort()).toEqual(['boss@sdk.example', 'jo@sdk.example']);
    const group = await api.createGroup('Sales', { 'jo@sdk.example': Configuration.Objects.GroupPriority.Normal });
    expect(group).toEqual({ id: 1 });
    expect(await api.listGroups(['agent_priorities'])).toContainEqual(expect.objectContaining({ id: 1, name: 'Sales', agent_priorities: { 'jo@sdk.example': 'normal' } }));
    // Errors reach the SDK's caller as the spec's error object.
    await expect(api.getAgent('nobody@sdk.example')).rejects.toMatchObject({ type: 'not_found' });
    // The rest of an agent's life.
    await expect(api.updateAgent('jo@sdk.example', { job_title: 'Lead', work_scheduler: { monday: { start: '08:00', end: '16:00' } } })).resolves.toEqual({});
    await expect(api.getAgent('jo@sdk.example', ['job_title', 'work_scheduler'])).resolves.toMatchObject({ job_title: 'Lead', work_scheduler: { monday: { start: '08:00', end: '16:00' } } });
    await expect(api.suspendAgent('jo@sdk.example')).resolves.toEqual({});
    await expect(api.getAgent('jo@sdk.example', ['suspended'])).resolves.toMatchObject({ suspended: true });
    await expect(api.unsuspendAgent('jo@sdk.example')).resolves.toEqual({});
    await expect(api.approveAgent('jo@sdk.example')).resolves.toEqual({});
    // updateGroup goes out as create_group with an id (README §7); then read and delete.
    await expect(api.updateGroup(1, 'Sales EU')).resolves.toEqual({});
    await expect(api.getGroup(1, ['agent_priorities'])).resolves.toEqual({ id: 1, name: 'Sales EU', language_code: 'en', agent_priorities: { 'jo@sdk.example': 'normal' } });
    await expect(api.deleteGroup(1)).resolves.toEqual({});
    await expect(api.getGroup(1)).rejects.toMatchObject({ type: 'group_not_found' });
    await expect(api.deleteAgent('jo@sdk.example')).resolves.toEqual({});
  });

  it('registers properties and sets license and group values through its Configuration client; customers read them through its Customer client', async () => {
    const api = configuration();
    const applications = await fetch(`${sdk.app.url}/auth/applications`, { headers: { Authorization: `Bearer ${ownerToken}` } });
    const [{ client_id: clientId }] = (await applications.json()) as Array<{ client_id: string }>;
    const access = { license: { agent: ['read', 'write'], customer: ['read'] }, group: { agent: ['read', 'write'] } };
    await expect(api.registerProperty({ name: 'tier', owner_client_id: clientId, type: 'int', access, range: { from: 1, to: 5 }, default_value: 1 })).resolves.toEqual({});
    await expect(api.registerProperty({ name: 'draft', owner_client_id: clientId, type: 'string', access: { chat: { agent: ['read'] } } })).resolves.toEqual({});
    // publishProperty sends access_type built from its read/write flags.
    await expect(api.publishProperty('tier', clientId, true, false)).resolves.toEqual({});
    await expect(api.unregisterProperty('draft', clientId)).resolves.toEqual({});
    expect(await api.listProperties(clientId)).toEqual({ tier: { type: 'int', description: '', access, range: { from: 1, to: 5 }, default_value: 1, public_access: ['read'] } });
    await expect(api.updateLicenseProperties({ [clientId]: { tier: 3 } })).resolves.toEqual({});
    // listLicenseProperties and listGroupProperties go as GET with namespace_prefix and name_prefix (README §7).
    expect(await api.listLicenseProperties(clientId.slice(0, 8), 'ti')).toEqual({ [clientId]: { tier: 3 } });
    // updateGroupProperties sends group_id; listGroupProperties and deleteGroupProperties send id (a query string value in the GET).
    const group = Number((await api.createGroup('Tiered', { 'boss@sdk.example': Configuration.Objects.GroupPriority.Normal })).id);
    await expect(api.updateGroupProperties(group, { [clientId]: { tier: 4 } })).resolves.toEqual({});
    expect(await api.listGroupProperties(group, clientId)).toEqual({ [clientId]: { tier: 4 } });
    await expect(api.deleteGroupProperties(group, { [clientId]: ['tier'] })).resolves.toEqual({});
    expect(await api.listGroupProperties(group)).toEqual({ [clientId]: { tier: 1 } });
    await expect(api.updateLicenseProperties({ [clientId]: { tier: 9 } })).rejects.toMatchObject({ type: 'validation' });
    // The Customer client sends its listings as GET with the organization in the query string.
    const customer = await customerToken(sdk.app.url, organizationId);
    const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
    expect(await customerApi.listLicenseProperties(clientId, 'tier')).toEqual({ [clientId]: { tier: 3 } });
    await expect(api.deleteLicenseProperties({ [clientId]: ['tier'] })).resolves.toEqual({});
    expect(await customerApi.listLicenseProperties()).toEqual({ [clientId]: { tier: 1 } });
  });

  it('rates and tags a chat through its Customer and Agent Web clients: chat, thread and event properties, thread tags', async () => {
    const customer = await customerToken(sdk.app.url, organizationId);
    const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
    const { chat_id: chatId, thread_id: threadId } = await customerApi.startChat({ chat: { thread: { events: [{ type: 'message', text: 'Hi' }] } } } as never);
    const eventId = `${threadId}_1`;
    // The customer rates (the default rating.* properties); the agent reads but may not write them.
    await expect(customerApi.updateChatProperties(chatId, { rating: { score: 1, comment: 'Quick' } })).resolves.toEqual({});
    await expect(agentApi.updateChatProperties(chatId, { rating: { score: 0 } })).rejects.toMatchObject({ type: 'authorization' });
    await expect(customerApi.deleteChatProperties(chatId, { rating: ['comment'] })).resolves.toEqual({});
    await expect(agentApi.updateThreadProperties(chatId, threadId, { test: { int_property: 3 } })).resolves.toEqual({});
    await expect(agentApi.updateEventProperties(chatId, threadId, eventId, { test: { string_property: 'seen' } })).resolves.toEqual({});
    await expect(customerApi.updateThreadProperties(chatId, threadId, { test: { bool_property: true } })).resolves.toEqual({});
    await expect(agentApi.deleteThreadProperties(chatId, threadId, { test: ['int_property'] })).resolves.toEqual({});
    await expect(customerApi.deleteEventProperties(chatId, threadId, eventId, { test: ['string_property'] })).resolves.toEqual({});
    await expect(customerApi.updateEventProperties(chatId, threadId, eventId, { test: { int_property: 'x' } } as never)).rejects.toMatchObject({ type: 'validation' });
    await expect(agentApi.tagThread(chatId, threadId, 'sdk')).resolves.toEqual({});
    await expect(agentApi.tagThread(chatId, threadId, 'gone')).resolves.toEqual({});
    await expect(agentApi.untagThread(chatId, threadId, 'gone')).resolves.toEqual({});
    await expect(agentApi.deleteEventProperties(chatId, threadId, eventId, { test: ['int_property'] })).resolves.toEqual({});
    const seen = (await agentApi.getChat(chatId)) as unknown as { properties: unknown; thread: { properties: unknown; tags: string[]; events: Array<{ properties?: unknown }> } };
    expect(seen.properties).toEqual({ rating: { score: 1 } });
    expect(seen.thread.properties).toEqual({ test: { bool_property: true } });
    expect(seen.thread.tags).toEqual(['sdk']);
    expect(seen.thread.events[0].properties).toBeUndefined();
    const customerSees = (await customerApi.getChat(chatId)) as unknown as { properties: unknown; thread: Record<string, unknown> };
    expect(customerSees.properties).toEqual({ rating: { score: 1 } });
    expect(customerSees.thread.tags).toBeUndefined();
    await expect(agentApi.tagThread(chatId, 'NOSUCHTHREAD', 'sdk')).rejects.toMatchObject({ type: 'not_found' });
  });

  it('manages bots through its Configuration client', async () => {
    const api = configuration();
    // The SDK's BotFields name the avatar avatar_path; it sends them as the payload, as they are.
    const { id } = await api.createBot({ name: 'Sdk Bot', avatar_path: 'https://cdn.example/bot.png', max_chats_count: 4 });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await expect(api.getBot(id)).resolves.toMatchObject({
      id,
      name: 'Sdk Bot',
      avatar_path: 'https://cdn.example/bot.png',
      max_chats_count: 4,
      default_group_priority: 'normal',
      owner_client_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // listBots(all, fields) spreads `fields` into the payload (an array would become keys "0", "1", …): left out here.
    await expect(api.listBots(true)).resolves.toEqual([{ id, name: 'Sdk Bot', avatar_path: 'https://cdn.example/bot.png' }]);
    await expect(api.listBots()).resolves.toEqual([{ id, name: 'Sdk Bot', avatar_path: 'https://cdn.example/bot.png' }]);
    await expect(api.updateBot(id, { name: 'Sdk Bot 2' })).resolves.toEqual({});
    await expect(api.deleteBot(id)).resolves.toEqual({});
    await expect(api.getBot(id)).rejects.toMatchObject({ type: 'not_found' });
  });

  it('keeps auto access rules in order through its Configuration client', async () => {
    const api = configuration();
    const rule = (value: string) => ({ access: { groups: [0] }, conditions: { url: { values: [{ value, exact_match: false }] } } });
    const { id: first } = await api.addAutoAccess({ ...rule('/pricing'), description: 'Pricing' });
    const { id: second } = await api.addAutoAccess(rule('/docs'));
    expect((await api.listAutoAccesses()).map((r: { id: string }) => r.id)).toEqual([first, second]);
    // updateAutoAccess sends the id with the given fields; next_id moves the rule before another.
    await expect(api.updateAutoAccess(second, { access: { groups: [0] }, next_id: first })).resolves.toEqual({});
    expect(await api.listAutoAccesses()).toEqual([
      { id: second, ...rule('/docs'), next_id: first },
      { id: first, ...rule('/pricing'), description: 'Pricing' },
    ]);
    await expect(api.deleteAutoAccess(first)).resolves.toEqual({});
    await expect(api.deleteAutoAccess(first)).rejects.toMatchObject({ type: 'not_found' });
    await expect(api.addAutoAccess({ access: { groups: [0] }, conditions: {} })).rejects.toMatchObject({ type: 'validation' });
  });

  it('translates the license id both ways with GET, as the SDK sends them', async () => {
    const api = configuration();
    const { license_id: licenseId } = (await api.send('get_license_id', { organization_id: organizationId })) as { license_id: number };
    expect(String(licenseId)).toMatch(/^[1-9][0-9]{8}$/);
    await expect(api.send('get_organization_id', { license_id: licenseId })).resolves.toEqual({ organization_id: organizationId });
  });

  it('sends a file event through its Agent client; its own uploadFile cannot reach the server (no scheme, no token)', async () => {
    const agent = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
    const { chat_id: chatId } = (await agent.startChat()) as { chat_id: string };
    const picture = pngImage(4, 3);
    const uploaded = await uploadFile(sdk.app.url, 'agent', { name: 'sdk.png', type: 'image/png', bytes: picture }, { token: ownerToken });
    expect(uploaded.status).toBe(200);
    const { event_id: eventId } = (await agent.sendEvent(chatId, { type: 'file', url: uploaded.body.url } as never)) as { event_id: string };
    const chat = (await agent.getChat(chatId)) as unknown as { thread: { events: Array<Record<string, unknown>> } };
    expect(chat.thread.events.find((e) => e.id === eventId)).toMatchObject({ type: 'file', name: 'sdk.png', content_type: 'image/png', size: picture.length, width: 4, height: 3 });
    // lc-sdk-js 4.0.2 posts the form with its own axios to `${apiUrl}/v3.4/…` — no https:// (the host is taken for a scheme) —
    // with the form's headers passed as the request config: neither the token nor the boundary would arrive. It fails before us.
    await expect(agent.uploadFile(picture, 'sdk.png')).rejects.toBeInstanceOf(Error);
  });

  it('types, peeks, marks events as seen, toggles rich-message buttons and multicasts through its Agent and Customer Web clients', async () => {
    const customer = await customerToken(sdk.app.url, organizationId);
    const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
    const agentApi = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
    const { chat_id: chatId, thread_id: threadId } = await agentApi.startChat({ chat: { users: [{ id: customer.entity_id, type: 'customer' }] } });
    await expect(agentApi.sendTypingIndicator(chatId, true)).resolves.toEqual({});
    await expect(customerApi.sendSneakPeek(chatId, 'Hel')).resolves.toEqual({});
    await expect(agentApi.markEventsAsSeen(chatId, '2026-01-01T00:00:00Z')).resolves.toEqual({});
    await expect(customerApi.markEventsAsSeen(chatId, '2026-01-01T00:00:00Z')).resolves.toEqual({});
    await expect(agentApi.multicast({ agents: { all: true, ids: [], groups: [] }, customers: { ids: [] } }, { note: 'hello team' }, 'note')).resolves.toEqual({});
    // The SDK's Button type makes callers send user_ids, which the server fills in itself.
    const buttons = [{ text: 'Yes', type: 'message', value: 'yes', postback_id: 'yes', user_ids: ['forged'] }];
    // Its Event type wants the server's fields (id, author_id, …) as well: a client sends only its own.
    const richMessage = { type: 'rich_message', template_id: 'quick_replies', elements: [{ title: 'OK?', subtitle: 'Pick one', image: { url: 'https://cdn.example/ok.png' }, buttons }] } as unknown as Parameters<typeof agentApi.sendEvent>[1];
    const { event_id: eventId } = await agentApi.sendEvent(chatId, richMessage);
    const postback = { chat_id: chatId, thread_id: threadId, event_id: eventId, postback: { id: 'yes', toggled: true } };
    await expect(customerApi.sendRichMessagePostback(postback)).resolves.toEqual({});
    await expect(agentApi.sendRichMessagePostback({ ...postback, postback: { id: 'no', toggled: true } })).rejects.toMatchObject({ type: 'not_found' });
    const chat = await agentApi.getChat(chatId);
    const card = chat.thread?.events.find((e: { id: string }) => e.id === eventId) as unknown as { elements: Array<{ buttons: unknown[] }> };
    expect(card.elements[0].buttons).toEqual([{ ...buttons[0], user_ids: [customer.entity_id] }]);
    expect(chat.users.find((u: { id: string }) => u.id === customer.entity_id)?.events_seen_up_to).toBe('2026-01-01T00:00:00.000000Z');
  });

  it('types, marks events as seen and hears its own multicast through its Agent RTM client', async () => {
    const customer = await customerToken(sdk.app.url, organizationId);
    const { chat_id: chatId } = await new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host }).startChat({
      chat: { users: [{ id: customer.entity_id, type: 'customer' }] },
    });
    // In a process of its own, as in the login case below (the SDK's WebSocket takes no TLS options).
    const script = `
      const { Agent } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Agent.RTM({ apiUrl: process.env.SB_HOST });
        await rtm.connect();
        await rtm.login({ token: process.env.SB_TOKEN });
        const heard = new Promise((resolve) => rtm.on('incoming_multicast', resolve));
        const typing = await rtm.sendTypingIndicator(process.env.SB_CHAT, true);
        const seen = await rtm.markEventsAsSeen(process.env.SB_CHAT, '2026-02-01T00:00:00Z');
        const multicast = await rtm.multicast({ agents: { ids: ['boss@sdk.example'] } }, 'to myself', 'note');
        console.log(JSON.stringify({ typing, seen, multicast, push: await heard }));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const stdout = await sdk.runScript(script, { SB_TOKEN: `Bearer ${ownerToken}`, SB_CHAT: chatId });
    expect(JSON.parse(stdout)).toEqual({ typing: {}, seen: {}, multicast: {}, push: { author_id: 'boss@sdk.example', content: 'to myself', type: 'note' } });
  });

  it('logs an agent in over its RTM client, with the numeric license id LiveChat clients expect', async () => {
    // The SDK's WebSocket (ws 7) takes no TLS options and ignores the default agent: it runs in a
    // process of its own that trusts the proxy's certificate from the start (NODE_EXTRA_CA_CERTS).
    const script = `
      const { Agent } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Agent.RTM({ apiUrl: process.env.SB_HOST });
        await rtm.connect();
        const login = await rtm.login({ token: process.env.SB_TOKEN });
        const status = await rtm.setRoutingStatus('accepting_chats');
        console.log(JSON.stringify({ license: login.license, status }));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const stdout = await sdk.runScript(script, { SB_TOKEN: `Bearer ${ownerToken}` });
    const { license, status } = JSON.parse(stdout) as { license: { id: string; organization_id: string }; status: unknown };
    expect(license.organization_id).toBe(organizationId);
    const { license_id: licenseId } = (await configuration().send('get_license_id', { organization_id: organizationId })) as { license_id: number };
    expect(license.id).toBe(String(licenseId));
    expect(status).toEqual({});
  });

  it('keeps an agent session through its RTM client (pushes asked for, mobile notifications, away) and previews a link through its Customer client', async () => {
    const script = `
      const { Agent } = require('@livechat/lc-sdk-js');
      (async () => {
        const rtm = new Agent.RTM({ apiUrl: process.env.SB_HOST });
        await rtm.connect();
        const statuses = [];
        let autoAway;
        const away = new Promise((resolve) => { autoAway = resolve; });
        rtm.subscribePush('routing_status_set', (push) => { statuses.push(push.status); if (push.status === 'not_accepting_chats' && statuses.includes('accepting_chats')) autoAway(); });
        const login = await rtm.login({
          token: process.env.SB_TOKEN,
          pushes: { '3.4': [Agent.Objects.Pushes.RoutingStatusSet, Agent.Objects.Pushes.CustomerVisitStarted] },
          push_notifications: { platform: 'android', firebase_token: 'fcm-sdk' },
        });
        await rtm.setRoutingStatus('accepting_chats');
        const notifications = await rtm.changePushNotifications({ firebase_token: 'fcm-sdk', platform: 'ios', enabled: false });
        const awayStatus = await rtm.setAwayStatus(true);
        await away;
        console.log(JSON.stringify({ profile: login.my_profile, chats: login.chats_summary, notifications, awayStatus, statuses }));
        rtm.socket.close();
        process.exit(0);
      })().catch((error) => { console.error(JSON.stringify(error)); process.exit(1); });`;
    const stdout = await sdk.runScript(script, { SB_TOKEN: `Bearer ${ownerToken}` });
    const result = JSON.parse(stdout);
    expect(result.profile).toMatchObject({ id: 'boss@sdk.example', type: 'agent', present: true, permission: 'owner' });
    // The owner's chats from the cases before (a file event's chat among them), each with its summary.
    expect(Array.isArray(result.chats)).toBe(true);
    for (const chat of result.chats) expect(chat).toMatchObject({ id: expect.any(String), last_event_per_type: expect.any(Object) });
    expect(result.notifications).toEqual({});
    expect(result.awayStatus).toEqual({});
    // Going online at login may come first; then the status it set, and auto-away's.
    expect(result.statuses.slice(-2)).toEqual(['accepting_chats', 'not_accepting_chats']);

    const pages = await startPageServer();
    try {
      const customer = await customerToken(sdk.app.url, organizationId);
      const customerApi = new Customer.Web('sdk-test', () => ({ accessToken: customer.access_token, region: '', organizationID: organizationId }), { apiUrl: sdk.proxy.host });
      expect(await customerApi.getURLInfo(`${pages.base}/moved`)).toEqual({
        url: `${pages.base}/kettle`,
        title: 'Kettle & stand',
        description: 'Boils fast',
        image_url: `${pages.base}/kettle.png`,
        image_original_url: `${pages.base}/kettle.png`,
        image_width: KETTLE_IMAGE.width,
        image_height: KETTLE_IMAGE.height,
      });
      await expect(customerApi.getURLInfo('gopher://example.com')).rejects.toMatchObject({ type: 'validation' });
    } finally {
      await pages.close();
    }
  });

  it('follows, adds and removes users and transfers a chat through its Agent Web client', async () => {
    const configured = configuration();
    await configured.createAgent('al@sdk.example', { name: 'Al' }).catch(() => undefined);
    const agent = new Agent.Web('sdk-test', token, { apiUrl: sdk.proxy.host });
    const { chat_id: chatId } = await agent.startChat();
    await expect(agent.addUserToChat(chatId, 'al@sdk.example', 'agent', 'all')).resolves.toEqual({});
    expect((await agent.getChat(chatId)).users.map((u: { id: string }) => u.id)).toContain('al@sdk.example');
    // Nobody else is online: nobody to transfer to.
    await expect(agent.listAgentsForTransfer(chatId)).resolves.toEqual([]);
    await expect(agent.removeUserFromChat(chatId, 'al@sdk.example')).resolves.toEqual({});
    const toAl = { target: { type: 'agent', ids: ['al@sdk.example'] as unknown as number[] } };
    await expect(agent.transferChat(chatId, toAl)).rejects.toMatchObject({ type: 'validation' });
    await expect(agent.transferChat(chatId, { ...toAl, ignore_agents_availability: true })).resolves.toEqual({});
    // Queued away from the owner, who may still follow it.
    await expect(agent.followChat(chatId)).resolves.toEqual({});
    await expect(agent.unfollowChat(chatId)).resolves.toEqual({});
    await expect(agent.followChat('NOSUCHCHAT')).rejects.toMatchObject({ type: 'not_found' });
  });
});
