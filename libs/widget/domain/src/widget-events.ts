import { RoutingSettings } from '@switchboard/routing/domain';
import { FormTemplate, FormType, GoalDefinition, GreetingDefinition, WidgetSettings } from './widget-configuration';

/** A change of routing settings: a setting given `null` removes a group's override. */
export type RoutingSettingsChange = { [K in keyof RoutingSettings]?: RoutingSettings[K] | null };

export type WidgetEvent =
  | { type: 'widget_settings_updated'; data: { settings: Partial<WidgetSettings> } }
  | { type: 'widget_group_language_set'; data: { group_id: number; language: string | null } }
  | { type: 'widget_form_set'; data: { group_id: number; form_type: FormType; form: FormTemplate | null } }
  | { type: 'widget_greeting_set'; data: { greeting: GreetingDefinition } }
  | { type: 'widget_greeting_deleted'; data: { id: number } }
  | { type: 'widget_goal_set'; data: { goal: GoalDefinition } }
  | { type: 'widget_goal_deleted'; data: { id: number } }
  | { type: 'widget_translations_set'; data: { language: string; group_id: number; phrases: Record<string, string> } }
  | { type: 'routing_settings_updated'; data: { group_id: number; settings: RoutingSettingsChange } };

export const WIDGET_EVENT_TYPES: ReadonlySet<string> = new Set<WidgetEvent['type']>([
  'widget_settings_updated',
  'widget_group_language_set',
  'widget_form_set',
  'widget_greeting_set',
  'widget_greeting_deleted',
  'widget_goal_set',
  'widget_goal_deleted',
  'widget_translations_set',
  'routing_settings_updated',
]);

export type WidgetCommand =
  | { type: 'update_widget_settings'; settings: Partial<WidgetSettings> }
  | { type: 'set_group_language'; group_id: number; language: string | null }
  | { type: 'set_form'; group_id: number; form_type: FormType; form: FormTemplate | null }
  | { type: 'set_greeting'; greeting: GreetingDefinition }
  | { type: 'delete_greeting'; id: number }
  | { type: 'set_goal'; goal: GoalDefinition }
  | { type: 'delete_goal'; id: number }
  | { type: 'set_translations'; language: string; group_id: number; phrases: Record<string, string> }
  | { type: 'update_routing_settings'; group_id: number; settings: RoutingSettingsChange };

/** How much one organization's widget may hold: the whole configuration is one document, read on every widget start. */
export const WIDGET_LIMITS = { greetings: 100, goals: 100, translatedLanguages: 50 } as const;

/** A refused widget command; `type` is the spec's error type. */
export class WidgetRuleError extends Error {
  constructor(
    readonly type: 'not_found' | 'validation' | 'limit_reached',
    message: string,
  ) {
    super(message);
    this.name = 'WidgetRuleError';
  }
}
