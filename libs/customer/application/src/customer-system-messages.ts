import { CustomerProfile } from '@switchboard/customer/domain';

type Message = { system_message_type: string; text: string; text_vars: Record<string, string> };

/**
 * `customer_updated` (routing.md system messages): who changed the
 * customer's name and/or e-mail; undefined when neither changed. Without an
 * agent (an integration) the text names no initiator.
 */
export function customerUpdatedMessage(changed: CustomerProfile, initiator: string | undefined): Message | undefined {
  const parts: string[] = [];
  const vars: Record<string, string> = {};
  if (changed.name !== undefined) {
    parts.push(`name to ${changed.name}`);
    vars.customer_name = changed.name;
  }
  if (changed.email !== undefined) {
    parts.push(`email to ${changed.email}`);
    vars.customer_email = changed.email;
  }
  if (parts.length === 0) return undefined;
  const what = parts.join(' and ');
  const text = initiator ? `${initiator} has changed customer's ${what}` : `Customer's ${what.replace(/ to /g, ' has been changed to ')}`;
  return { system_message_type: 'customer_updated', text, text_vars: { ...(initiator && { initiator }), ...vars } };
}

/** `customer_banned`: the chat archived because of the ban. */
export function customerBannedMessage(agent: string, days: number): Message {
  return {
    system_message_type: 'customer_banned',
    text: `Chat archived because customer was banned by ${agent} for ${days} day(s)`,
    text_vars: { agent, duration: String(days) },
  };
}
