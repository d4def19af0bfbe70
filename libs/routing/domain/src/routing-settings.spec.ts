import { changeRoutingSettings, DEFAULT_ROUTING_SETTINGS, routingSettingsFor } from './routing-settings';

describe('routing settings', () => {
  it('gives a chat of a group its own settings over the license’s, and group 0 the license’s', () => {
    let settings = changeRoutingSettings(undefined, 0, { transfer_chat_after_min: 3, queue_limit: 10 });
    settings = changeRoutingSettings(settings, 7, { queue_limit: 2, manual_routing: true });
    expect(routingSettingsFor(settings, 7)).toEqual({ ...DEFAULT_ROUTING_SETTINGS, transfer_chat_after_min: 3, queue_limit: 2, manual_routing: true });
    expect(routingSettingsFor(settings, 8)).toEqual({ ...DEFAULT_ROUTING_SETTINGS, transfer_chat_after_min: 3, queue_limit: 10 });
    expect(routingSettingsFor(settings, 0)).toEqual(routingSettingsFor(settings, 8));
  });

  it('forgets a group’s override set to null, and the group when it has none left', () => {
    let settings = changeRoutingSettings(undefined, 7, { queue_limit: 2, manual_routing: true });
    settings = changeRoutingSettings(settings, 7, { queue_limit: null });
    expect(settings.groups).toEqual({ '7': { manual_routing: true } });
    expect(changeRoutingSettings(settings, 7, { manual_routing: null }).groups).toEqual({});
  });

  it('answers the defaults for an organization that set nothing', () => {
    expect(routingSettingsFor(undefined, 3)).toEqual(DEFAULT_ROUTING_SETTINGS);
  });
});
