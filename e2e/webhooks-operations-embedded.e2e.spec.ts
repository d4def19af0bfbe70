import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkOperationsRefused, checkPauseAndResume, checkRetryAndDeadLetters, checkTimeRangeReplay, OPERATIONS_SETTINGS } from './webhooks-operations.scenario';

describe('webhook operations API, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('webhooks-operations', OPERATIONS_SETTINGS);
  const urls = () => ({ configuration: switchboard.url, customer: switchboard.url, agent: switchboard.url });

  it('shows attempts and the last error, retries now, and replays a dead delivery', async () => {
    await checkRetryAndDeadLetters(urls(), switchboard.adminToken, 'OpsRetryE');
  }, 60_000);

  it('replays a time range of delivered deliveries as new deliveries, in order', async () => {
    await checkTimeRangeReplay(urls(), switchboard.adminToken, 'OpsReplayE');
  }, 60_000);

  it('records but does not send while a webhook is paused, and sends everything in order on resume', async () => {
    await checkPauseAndResume(urls(), switchboard.adminToken, 'OpsPauseE');
  }, 60_000);

  it("refuses another organization's webhook as not_found, and invalid requests", async () => {
    await checkOperationsRefused(urls(), switchboard.adminToken, 'OpsRefuseE');
  }, 60_000);
});
