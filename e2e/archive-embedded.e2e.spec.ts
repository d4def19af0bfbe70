import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkArchive } from './archive.scenario';

describe('the archive (list_archives), embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('archive');

  it('finds threads by their words, files and forms, with every filter, page by page, only where the agent may look', async () => {
    const { url } = switchboard;
    await checkArchive({ configuration: url, agent: [url], customer: url }, switchboard.adminToken, 'Archive');
  }, 240_000);
});
