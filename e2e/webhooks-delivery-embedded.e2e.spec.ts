import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkBotWebhooks, checkDeliveries, checkOutage, checkSlowReceiver } from './webhooks-delivery.scenario';

describe('webhook delivery, embedded mode', () => {
  // An hour of the retry schedule takes 3 s here.
  const switchboard = useEmbeddedSwitchboard('webhooks-delivery', { WEBHOOK_TIME_SCALE: '1200', WEBHOOK_SWEEP_MS: '100', RATE_LIMITS: 'off' });
  const urls = () => ({ configuration: switchboard.url, customer: switchboard.url, agent: switchboard.url });

  it('delivers signed LiveChat envelopes with the additional data, filtered, and nothing while license webhooks are disabled', async () => {
    await checkDeliveries(urls(), switchboard.adminToken, 'HookE');
  }, 60_000);

  it('after a receiver was down for an hour, delivers every message once, each chat in order, and counts it in the metrics', async () => {
    await checkOutage(urls(), switchboard.adminToken, 'OutageE', 3000, [switchboard.url]);
  }, 90_000);

  it('does not let a receiver answering in 5 s slow down another', async () => {
    await checkSlowReceiver(urls(), switchboard.adminToken, 'SlowE');
  }, 60_000);

  it('delivers bot webhooks only while the bot is not offline', async () => {
    await checkBotWebhooks(urls(), switchboard.adminToken, 'BotE');
  }, 60_000);
});
