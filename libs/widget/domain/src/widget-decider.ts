import { changeRoutingSettings } from '@switchboard/routing/domain';
import { routingOf, WidgetConfiguration } from './widget-configuration';
import { WIDGET_LIMITS, WidgetCommand, WidgetEvent, WidgetRuleError } from './widget-events';

const byId = <T extends { id: number }>(list: readonly T[], item: T): T[] => [...list.filter((x) => x.id !== item.id), item].sort((a, b) => a.id - b.id);

/** Which version a change bumps: translations and languages change the phrases, everything else the configuration. */
function bump(state: WidgetConfiguration, event: WidgetEvent): Pick<WidgetConfiguration, 'config_version' | 'localization_version'> {
  const localization = event.type === 'widget_translations_set' || event.type === 'widget_group_language_set' || (event.type === 'widget_settings_updated' && event.data.settings.language !== undefined);
  const configuration = event.type !== 'widget_translations_set';
  return {
    config_version: state.config_version + (configuration ? 1 : 0),
    localization_version: state.localization_version + (localization ? 1 : 0),
  };
}

function apply(state: WidgetConfiguration, event: WidgetEvent): WidgetConfiguration {
  switch (event.type) {
    case 'widget_settings_updated': {
      // `queue_enabled` is the license's routing setting (ADR 0036): the widget's settings show it, routing keeps it.
      const { queue_enabled, ...settings } = event.data.settings;
      const routing = queue_enabled === undefined ? state.routing : changeRoutingSettings(routingOf(state), 0, { queue_enabled });
      return { ...state, settings: { ...state.settings, ...settings }, ...(routing && { routing }) };
    }
    case 'routing_settings_updated':
      return { ...state, routing: changeRoutingSettings(routingOf(state), event.data.group_id, event.data.settings) };
    case 'widget_group_language_set': {
      const { [String(event.data.group_id)]: _old, ...others } = state.group_languages;
      return { ...state, group_languages: event.data.language === null ? others : { ...others, [String(event.data.group_id)]: event.data.language } };
    }
    case 'widget_form_set': {
      const key = String(event.data.group_id);
      const { [event.data.form_type]: _old, ...others } = state.forms[key] ?? {};
      return { ...state, forms: { ...state.forms, [key]: event.data.form === null ? others : { ...others, [event.data.form_type]: event.data.form } } };
    }
    case 'widget_greeting_set':
      return { ...state, greetings: byId(state.greetings, event.data.greeting) };
    case 'widget_greeting_deleted':
      return { ...state, greetings: state.greetings.filter((g) => g.id !== event.data.id) };
    case 'widget_goal_set':
      return { ...state, goals: byId(state.goals, event.data.goal) };
    case 'widget_goal_deleted':
      return { ...state, goals: state.goals.filter((g) => g.id !== event.data.id) };
    case 'widget_translations_set': {
      const { language, group_id, phrases } = event.data;
      const forLanguage = { ...state.translations[language], [String(group_id)]: phrases };
      return { ...state, translations: { ...state.translations, [language]: forLanguage } };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function evolveWidget(state: WidgetConfiguration, event: WidgetEvent): WidgetConfiguration {
  return { ...apply(state, event), ...bump(state, event) };
}

/** A new item (an id not in `list`) beyond `max` is refused; replacing one is always allowed. */
function refuseBeyond(list: ReadonlyArray<{ id: number }>, id: number, max: number, what: string): void {
  if (!list.some((x) => x.id === id) && list.length >= max) throw new WidgetRuleError('limit_reached', `At most ${max} ${what}`);
}

/** Decides a change of the widget configuration, or throws {@link WidgetRuleError}. */
export function decideWidget(state: WidgetConfiguration, command: WidgetCommand): WidgetEvent[] {
  switch (command.type) {
    case 'update_widget_settings':
      return Object.keys(command.settings).length === 0 ? [] : [{ type: 'widget_settings_updated', data: { settings: command.settings } }];
    case 'set_group_language':
      return [{ type: 'widget_group_language_set', data: { group_id: command.group_id, language: command.language } }];
    case 'set_form':
      if (command.form && command.form.fields.length === 0) throw new WidgetRuleError('validation', 'form.fields: must not be empty');
      return [{ type: 'widget_form_set', data: { group_id: command.group_id, form_type: command.form_type, form: command.form } }];
    case 'set_greeting':
      refuseBeyond(state.greetings, command.greeting.id, WIDGET_LIMITS.greetings, 'greetings');
      return [{ type: 'widget_greeting_set', data: { greeting: command.greeting } }];
    case 'delete_greeting':
      if (!state.greetings.some((g) => g.id === command.id)) throw new WidgetRuleError('not_found', `Greeting ${command.id} not found`);
      return [{ type: 'widget_greeting_deleted', data: { id: command.id } }];
    case 'set_goal':
      refuseBeyond(state.goals, command.goal.id, WIDGET_LIMITS.goals, 'goals');
      return [{ type: 'widget_goal_set', data: { goal: command.goal } }];
    case 'delete_goal':
      if (!state.goals.some((g) => g.id === command.id)) throw new WidgetRuleError('not_found', `Goal ${command.id} not found`);
      return [{ type: 'widget_goal_deleted', data: { id: command.id } }];
    case 'update_routing_settings':
      if (command.group_id === 0 && Object.values(command.settings).some((v) => v === null)) {
        throw new WidgetRuleError('validation', 'settings: the license settings cannot be removed, only changed');
      }
      return Object.keys(command.settings).length === 0 ? [] : [{ type: 'routing_settings_updated', data: { group_id: command.group_id, settings: command.settings } }];
    case 'set_translations':
      if (!state.translations[command.language] && Object.keys(state.translations).length >= WIDGET_LIMITS.translatedLanguages) {
        throw new WidgetRuleError('limit_reached', `At most ${WIDGET_LIMITS.translatedLanguages} languages can be translated`);
      }
      return [{ type: 'widget_translations_set', data: { language: command.language, group_id: command.group_id, phrases: command.phrases } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
