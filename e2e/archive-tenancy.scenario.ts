import { callWeb } from '@switchboard/testing';
import { threadIds } from './archive.scenario';
import { createTeam, post, rtmLogin } from './identity.scenario';
import { ChatTenancyUrls } from './chat-tenancy.scenario';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Two organizations searching their archives: the second one's owner (Bearer
 * token, personal access token, RTM) never finds a thread of the first — not
 * by its words, its tags, its thread id, nor with the first one's page id —
 * and finds its own.
 */
export async function checkArchiveTenancy(urls: ChatTenancyUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const start = async (token: string, text: string) => {
    const reply = await callWeb(urls.agent[0], 'agent', 'start_chat', { chat: { thread: { events: [{ type: 'message', text }] } } }, { token });
    expect(reply.status).toBe(200);
    return reply.body as { chat_id: string; thread_id: string };
  };
  const theirs = await start(acme.owner, 'confidential merger plans');
  expect((await callWeb(urls.agent[0], 'agent', 'tag_thread', { chat_id: theirs.chat_id, thread_id: theirs.thread_id, tag: 'secret' }, { token: acme.owner })).status).toBe(200);
  await start(acme.owner, 'confidential budget');
  const mine = await start(other.owner, 'ordinary merger question');
  const acmePage = (await callWeb(urls.agent[0], 'agent', 'list_archives', { limit: 1 }, { token: acme.owner })).body;
  expect([acmePage.found_chats, typeof acmePage.next_page_id]).toEqual([2, 'string']);

  const theirPat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'probe' }, other.owner);
  const credentials = [`Bearer ${other.owner}`, `Basic ${Buffer.from(`${other.ids.owner}:${theirPat.body.token}`).toString('base64')}`];
  const secrets = [acme.organizationId, acme.ids.owner, theirs.chat_id, theirs.thread_id, 'confidential'];
  const leaks = (body: unknown) => secrets.filter((secret) => JSON.stringify(body).includes(secret));
  const probes: Array<[unknown, string[]]> = [
    [{ filters: { query: 'merger' } }, [mine.thread_id]],
    [{ filters: { query: 'confidential' } }, []],
    [{ filters: { tags: { values: ['secret'] } } }, []],
    [{ filters: { thread_ids: [theirs.thread_id] } }, []],
    [{ filters: { agents: { values: [acme.ids.owner] } } }, []],
    [{}, [mine.thread_id]],
  ];
  for (const gateway of urls.agent) {
    for (const authorization of credentials) {
      for (const [payload, expected] of probes) {
        const reply = await callWeb(gateway, 'agent', 'list_archives', payload, { headers: { Authorization: authorization } });
        expect({ payload, status: reply.status, threads: threadIds(reply.body), leaks: leaks(reply.body) }).toEqual({ payload, status: 200, threads: expected, leaks: [] });
      }
      // The first organization's page id lists nothing of it for the second.
      const paged = await callWeb(gateway, 'agent', 'list_archives', { page_id: acmePage.next_page_id }, { headers: { Authorization: authorization } });
      expect({ status: paged.status, leaks: leaks(paged.body) }).toEqual({ status: 200, leaks: [] });
    }
  }
  const rtm = await rtmLogin(urls.agent[urls.agent.length - 1], other.owner);
  try {
    const reply = await rtm.request('list_archives', { filters: { thread_ids: [theirs.thread_id, mine.thread_id] } });
    expect(threadIds(reply.payload as Json)).toEqual([mine.thread_id]);
  } finally {
    rtm.close();
  }
}
