import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkWebhookRegistration } from './webhooks-registration.scenario';

describe('webhook registration, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('webhooks-registration');

  it('applications register, list and unregister webhooks within the limit, turn license webhooks off and on; local targets are accepted; another organization cannot touch them', async () => {
    await checkWebhookRegistration(switchboard.url, switchboard.adminToken, 'HookEmb', { blocksPrivateTargets: false });
  }, 120_000);
});
