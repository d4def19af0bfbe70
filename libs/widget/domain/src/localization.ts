import { WidgetConfiguration } from './widget-configuration';

/** The widget's phrases in English, what every organization starts with (owners override them per language and group). */
export const DEFAULT_PHRASES: Readonly<Record<string, string>> = Object.freeze({
  chat_now: 'Chat now',
  leave_message: 'Leave a message',
  welcome_title: 'Welcome to our chat',
  welcome_message: 'Hello! How can we help you today?',
  message_placeholder: 'Write a message…',
  send: 'Send',
  agents_offline: 'Our agents are not available right now.',
  queue_position: 'You are number %position% in the queue.',
  queue_wait_time: 'Estimated waiting time: %minutes% min.',
  chat_ended: 'The chat has ended.',
  start_new_chat: 'Start a new chat',
  rate_chat: 'How would you rate this chat?',
  rate_good: 'Good',
  rate_bad: 'Bad',
  prechat_title: 'Before we start',
  postchat_title: 'Before you go',
  ticket_title: 'Leave us a message',
  name: 'Name',
  email: 'E-mail',
  submit: 'Submit',
  minimize: 'Minimize',
  greeting_accept: 'Reply',
  greeting_dismiss: 'Close',
  typing: '%name% is typing…',
  file_upload: 'Send a file',
});

/**
 * The phrases of a group's widget in `language`: the English defaults, then
 * the owners' translations for every group (group 0), then the group's own.
 */
export function phrasesFor(configuration: WidgetConfiguration, groupId: number, language: string): Record<string, string> {
  const translations = configuration.translations[language] ?? {};
  return { ...DEFAULT_PHRASES, ...translations['0'], ...(groupId !== 0 && translations[String(groupId)]) };
}

