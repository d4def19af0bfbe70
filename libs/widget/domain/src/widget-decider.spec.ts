import { decideWidget, evolveWidget } from './widget-decider';
import { DEFAULT_WIDGET_CONFIGURATION, formOf, isDomainAllowed, WidgetConfiguration } from './widget-configuration';
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
