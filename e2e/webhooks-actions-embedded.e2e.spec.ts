import { useEmbeddedSwitchboard } from '@switchboard/testing';
import * as scenario from './webhooks-actions.scenario';

describe('all 36 webhook actions, delivered to a real receiver, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('webhooks-actions', { RATE_LIMITS: 'off' });
  let heard: scenario.Heard;

  beforeAll(async () => {
    heard = await scenario.hearEveryAction({ configuration: switchboard.url, agent: switchboard.url, customer: switchboard.url }, switchboard.adminToken, 'ActsE');
  }, 60_000);
  afterAll(() => heard?.receiver.close());

  scenario.itHearsEveryAction(() => heard);
});
