import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkFileExpiry, checkFiles } from './files.scenario';

/** Short enough to wait out, long enough for the main scenario to use its files in time. */
const TTL_SECONDS = 10;

describe('files, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('files', { FILE_UNUSED_TTL_SECONDS: String(TTL_SECONDS) });

  it('both sides upload files, send them as file events, hear them and download the same bytes; bad uploads and foreign files are refused', async () => {
    const { url } = switchboard;
    await checkFiles({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'FilesEmb');
  }, 180_000);

  it('a file used in an event outlives FILE_UNUSED_TTL_SECONDS; an unused one is no longer served and refused in send_event', async () => {
    const { url } = switchboard;
    await checkFileExpiry({ configuration: url, customer: url, agent: [url] }, switchboard.adminToken, 'FilesEmb', TTL_SECONDS);
  }, 120_000);
});
