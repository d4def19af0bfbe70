import { decideWidget, evolveWidget } from './widget-decider';
import { DEFAULT_WIDGET_CONFIGURATION, formOf, isDomainAllowed, routingSettingsOf, WidgetConfiguration } from './widget-configuration';
import { WidgetCommand, WidgetRuleError } from './widget-events';
import { phrasesFor } from './localization';

const given = (...commands: WidgetCommand[]): WidgetConfiguration =>
  commands.reduce((state, command) => decideWidget(state, command).reduce(evolveWidget, state), DEFAULT_WIDGET_CONFIGURATION);

describe('widget configuration', () => {
  it('bumps config_version on configuration changes and localization_version on translation changes only', () => {
    const state = given({ type: 'update_widget_settings', settings: { allowed_domains: ['example.com'] } });
    expect([state.config_version, state.localization_version]).toEqual([2, 1]);
    const translated = given({ type: 'set_translations', language: 'de', group_id: 0, phrases: { send: 'Senden' } });
    expect([translated.config_version, translated.localization_version]).toEqual([1, 2]);
  });

  it("serves a group its own form, else the form for every group, and forgets a form set to null", () => {
    const form = { id: 'pre', fields: [{ id: '1', type: 'name', label: 'Name' }] };
    const state = given({ type: 'set_form', group_id: 0, form_type: 'prechat', form });
    expect(formOf(state, 7, 'prechat')).toEqual(form);
    expect(formOf(state, 7, 'postchat')).toBeUndefined();
    expect(formOf(given({ type: 'set_form', group_id: 0, form_type: 'prechat', form }, { type: 'set_form', group_id: 0, form_type: 'prechat', form: null }), 0, 'prechat')).toBeUndefined();
  });

  it('refuses to delete a greeting or goal that does not exist', () => {
    expect(() => decideWidget(DEFAULT_WIDGET_CONFIGURATION, { type: 'delete_greeting', id: 3 })).toThrow(WidgetRuleError);
    expect(() => decideWidget(DEFAULT_WIDGET_CONFIGURATION, { type: 'delete_goal', id: 3 })).toThrow(WidgetRuleError);
  });

  it('allows the listed domains and their subdomains only, any page when none is listed', () => {
    const settings = given({ type: 'update_widget_settings', settings: { allowed_domains: ['example.com'] } }).settings;
    expect(isDomainAllowed(settings, 'https://shop.example.com/cart')).toBe(true);
    expect(isDomainAllowed(settings, 'https://example.com.evil.test/')).toBe(false);
    expect(isDomainAllowed(settings, undefined)).toBe(false);
    expect(isDomainAllowed(DEFAULT_WIDGET_CONFIGURATION.settings, undefined)).toBe(true);
  });

  it('translates over the English defaults, the group’s own phrases over those for every group', () => {
    const state = given(
      { type: 'set_translations', language: 'de', group_id: 0, phrases: { send: 'Senden', submit: 'Absenden' } },
      { type: 'set_translations', language: 'de', group_id: 2, phrases: { send: 'Abschicken' } },
    );
    expect(phrasesFor(state, 2, 'de')).toMatchObject({ send: 'Abschicken', submit: 'Absenden', chat_now: 'Chat now' });
    expect(phrasesFor(state, 1, 'de').send).toBe('Senden');
  });

  it('holds at most 100 greetings, yet lets an existing one be replaced', () => {
    const greeting = (id: number) => ({ id, group_id: 0, agent_id: 'a', event: { type: 'message', text: 'Hi' }, rule: { url_contains: '/' }, active: true });
    const full = given(...Array.from({ length: 100 }, (_, i) => ({ type: 'set_greeting' as const, greeting: greeting(i + 1) })));
    expect(() => decideWidget(full, { type: 'set_greeting', greeting: greeting(101) })).toThrow('At most 100 greetings');
    expect(decideWidget(full, { type: 'set_greeting', greeting: { ...greeting(7), active: false } })).toHaveLength(1);
  });
});

describe('routing settings on the widget stream (ADR 0036)', () => {
  it('keeps the license’s and each group’s settings; the widget’s queue_enabled is the license’s setting', () => {
    const state = given(
      { type: 'update_routing_settings', group_id: 0, settings: { transfer_chat_after_min: 5 } },
      { type: 'update_routing_settings', group_id: 2, settings: { queue_enabled: true, queue_limit: 3 } },
      { type: 'update_widget_settings', settings: { queue_enabled: false } },
    );
    expect(routingSettingsOf(state, 1)).toMatchObject({ transfer_chat_after_min: 5, queue_enabled: false });
    expect(routingSettingsOf(state, 2)).toMatchObject({ transfer_chat_after_min: 5, queue_enabled: true, queue_limit: 3 });
  });

  it('reads a configuration folded before routing settings with the widget’s queue_enabled as it was', () => {
    const old = { ...DEFAULT_WIDGET_CONFIGURATION, settings: { ...DEFAULT_WIDGET_CONFIGURATION.settings, queue_enabled: false } };
    expect(routingSettingsOf(old, 0).queue_enabled).toBe(false);
    expect(routingSettingsOf([{ type: 'routing_settings_updated' as const, data: { group_id: 0, settings: { queue_limit: 4 } } }].reduce(evolveWidget, old), 0)).toMatchObject({ queue_enabled: false, queue_limit: 4 });
  });

  it('refuses to remove a license setting', () => {
    expect(() => decideWidget(DEFAULT_WIDGET_CONFIGURATION, { type: 'update_routing_settings', group_id: 0, settings: { queue_limit: null } })).toThrow(WidgetRuleError);
  });
});
