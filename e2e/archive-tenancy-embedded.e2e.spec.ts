import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkArchiveTenancy } from './archive-tenancy.scenario';

describe('two organizations searching archives, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('archivetenancy');

  it("list_archives never finds another organization's threads, by words, tags, ids or page ids", async () => {
    const { url } = switchboard;
    await checkArchiveTenancy({ configuration: url, agent: [url], customer: url }, switchboard.adminToken, 'ArchiveTenancy');
  }, 240_000);
});
