import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkFiles } from './files.scenario';

describe('files, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('files');

  it('both sides upload files, send them as file events, hear them and download the same bytes; bad uploads and foreign files are refused', async () => {
    const { url } = switchboard;
    await checkFiles({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'FilesEmb');
  }, 180_000);
});
