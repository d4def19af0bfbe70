import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkAgentSession, startPageServer } from './session.scenario';

describe('agent sessions and link previews, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('session', { URL_INFO_ALLOW_PRIVATE: '1' });
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    pages = await startPageServer();
  });
  afterAll(() => pages?.close());

  it('login gives the initial state and only the pushes asked for; away on every connection stops chats; customers preview links', async () => {
    const { url } = switchboard;
    await checkAgentSession({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'SessEmb', pages.base);
  }, 180_000);
});
