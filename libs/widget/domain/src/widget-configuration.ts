import { DEFAULT_ROUTING_SETTINGS, OrganizationRoutingSettings, RoutingSettings, routingSettingsFor } from '@switchboard/routing/domain';

/**
 * What a chat widget of an organization is configured with — the settings
 * LiveChat keeps in its own apps (widget settings and buttons, allowed
 * domains, forms, greetings, goals, translations) — as recorded on stream
 * `widget-<organization id>` (ADR 0033). Pure: no I/O, no clock.
 */

/** A chat button (`get_configuration`). */
export interface WidgetButton {
  id: string;
  type: 'image' | 'text';
  online_value: string;
  offline_value: string;
}

export interface FormField {
  id?: string;
  type: string;
  label: string;
  required?: boolean;
  options?: Array<{ id: string; label: string; group_id?: number }>;
}

/** A form template (data-structures §10). */
export interface FormTemplate {
  id: string;
  fields: FormField[];
}

export type FormType = 'prechat' | 'postchat' | 'ticket';
export const FORM_TYPES: readonly FormType[] = ['prechat', 'postchat', 'ticket'];

/** Organization-wide settings of the widget. */
export interface WidgetSettings {
  /** The widget's language (`get_dynamic_configuration.language`) unless its group says otherwise. */
  language: string;
  /** Hosts the widget may run on (`example.com` also allows its subdomains); empty = anywhere. */
  allowed_domains: string[];
  /** At most this many chats may be active at once; beyond it `client_limit_exceeded` is true. Absent = no limit. */
  client_limit?: number;
  /** Whether chats wait in a queue when every agent is busy (`online_for_queue`); otherwise the group is offline. */
  queue_enabled: boolean;
  buttons: WidgetButton[];
  integrations: Record<string, unknown>;
}

/** When a greeting is shown: every condition given must hold for the page the customer views. */
export interface GreetingRule {
  url_contains?: string;
  url_equals?: string;
  /** The customer has viewed at least this many pages in the visit (including this one). */
  min_page_views?: number;
}

/** A greeting an owner configured ("license greeting"). */
export interface GreetingDefinition {
  id: number;
  /** Shown to customers of this group; 0 = every group. */
  group_id: number;
  /** The agent the greeting comes from. */
  agent_id: string;
  /** A `message` (`text`) or `rich_message` event as the customer sees it. */
  event: Record<string, unknown>;
  rule: GreetingRule;
  active: boolean;
  addon?: string;
}

/** A goal an owner configured: reached when the page or a session field matches. */
export interface GoalDefinition {
  id: number;
  name: string;
  /** 0 = every group. */
  group_id: number;
  url_contains?: string;
  session_field?: { key: string; value: string };
}

/** The owners' translations: `phrases[language][group id]` (group 0 = every group) → phrase key → text. */
export type Translations = Record<string, Record<string, Record<string, string>>>;

export interface WidgetConfiguration {
  settings: WidgetSettings;
  /** Forms by group id, then type. */
  forms: Record<string, Partial<Record<FormType, FormTemplate>>>;
  /** Groups' own widget language. */
  group_languages: Record<string, string>;
  greetings: GreetingDefinition[];
  goals: GoalDefinition[];
  translations: Translations;
  /** How chats are routed (ADR 0036); absent in configurations folded before routing settings existed = the defaults. */
  routing?: OrganizationRoutingSettings;
  /** Bumped by every change but a translation's: the `config_version` a widget caches its configuration under. */
  config_version: number;
  /** Bumped by every translation change and language change: `localization_version`. */
  localization_version: number;
}

/** A fresh organization's widget: English, anywhere, one text button, no forms, greetings or goals. */
export const DEFAULT_WIDGET_CONFIGURATION: WidgetConfiguration = Object.freeze({
  settings: {
    language: 'en',
    allowed_domains: [],
    queue_enabled: true,
    buttons: [{ id: 'default', type: 'text', online_value: 'Chat now', offline_value: 'Leave a message' }],
    integrations: {},
  },
  forms: {},
  group_languages: {},
  greetings: [],
  goals: [],
  translations: {},
  config_version: 1,
  localization_version: 1,
}) as WidgetConfiguration;

/** The form of a group: the group's own, else the one set for every group (group 0). */
export function formOf(configuration: WidgetConfiguration, groupId: number, type: FormType): FormTemplate | undefined {
  return configuration.forms[String(groupId)]?.[type] ?? configuration.forms['0']?.[type];
}

/** The language of a group's widget. */
export const languageOf = (configuration: WidgetConfiguration, groupId: number): string =>
  configuration.group_languages[String(groupId)] ?? configuration.settings.language;

/**
 * Whether a widget on the page at `url` may run: any page when no domain is
 * listed; otherwise the page's host is a listed domain or a subdomain of one.
 * No URL (or one that cannot be parsed) is allowed only when no domain is listed.
 */
export function isDomainAllowed(settings: WidgetSettings, url: string | undefined): boolean {
  if (settings.allowed_domains.length === 0) return true;
  let host: string;
  try {
    host = new URL(url ?? '').hostname.toLowerCase();
  } catch {
    return false;
  }
  return settings.allowed_domains.some((domain) => {
    const d = domain.toLowerCase().replace(/^\*\./, '');
    return host === d || host.endsWith(`.${d}`);
  });
}

/**
 * The organization's routing settings (ADR 0036). A configuration folded
 * before they existed has none: the defaults, with the widget's
 * `queue_enabled` as it was set then.
 */
export function routingOf(configuration: WidgetConfiguration): OrganizationRoutingSettings {
  return configuration.routing ?? { license: { ...DEFAULT_ROUTING_SETTINGS, queue_enabled: configuration.settings.queue_enabled }, groups: {} };
}

/** The routing settings that hold for a chat of `groupId`. */
export function routingSettingsOf(configuration: WidgetConfiguration, groupId: number): RoutingSettings {
  return routingSettingsFor(routingOf(configuration), groupId);
}
