import { useEmbeddedSwitchboard } from '@switchboard/testing';
import { checkProperties } from './properties.scenario';

describe('properties, embedded mode', () => {
  const switchboard = useEmbeddedSwitchboard('properties');

  it('applications register, publish and unregister properties; license and group values are set, listed and deleted; customers read theirs; another organization cannot touch them', async () => {
    await checkProperties({ configuration: switchboard.url, customer: switchboard.url }, switchboard.adminToken, 'PropEmb');
  }, 180_000);
});
