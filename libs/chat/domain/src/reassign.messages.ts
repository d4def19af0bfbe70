/**
 * The system messages of the router moving a chat on (routing.md §7): the
 * `system_message_type`, the English text and its `text_vars`, exactly as
 * documented, so clients that render `text` show what LiveChat shows.
 */

/** Why the router takes a chat from its agent. */
export type ReassignCause = 'inactive' | 'disconnected' | 'signed_out' | 'remotely_signed_out' | 'deleted';

/** What became of the chat: another agent took it, it waits in the queue, or its thread was closed. */
export type ReassignOutcome = 'assigned' | 'unassigned' | 'archived';

export interface RoutingSystemMessage {
  system_message_type: string;
  text: string;
  text_vars: Record<string, string>;
}

/** Why, as each text ends ("… because %agent% <reason>"); `inactive` only ever assigns. */
const BECAUSE: Record<Exclude<ReassignCause, 'inactive'>, { assigned: string; unassigned: string; archived: string }> = {
  deleted: { assigned: 'account had been deleted', unassigned: 'account has been deleted', archived: 'account had been deleted' },
  disconnected: { assigned: 'had lost internet connection', unassigned: 'had lost internet connection', archived: 'had lost internet connection' },
  remotely_signed_out: {
    assigned: 'had been remotely signed out',
    unassigned: 'had been remotely signed out',
    archived: 'had been remotely signed out',
  },
  signed_out: { assigned: 'had signed out', unassigned: 'had signed out', archived: 'had signed out' },
};

/**
 * The message for an outcome: `removed` is the agent who lost the chat,
 * `added` the one who got it (assigned), `durationMin` how long the agent
 * stayed silent (inactive).
 */
export function reassignmentMessage(
  outcome: ReassignOutcome,
  cause: ReassignCause,
  names: { removed: string; added?: string; durationMin?: number },
): RoutingSystemMessage {
  const type = `routing.${outcome}_${cause}`;
  if (cause === 'inactive') {
    if (outcome !== 'assigned' || names.added === undefined) throw new Error('An inactive assignee only ever hands the chat to another agent');
    const duration = String(names.durationMin ?? 0);
    return {
      system_message_type: type,
      text: `Chat assigned to ${names.added} because ${names.removed} hasn't replied in ${duration} minutes`,
      text_vars: { agent_added: names.added, agent_removed: names.removed, duration },
    };
  }
  const because = BECAUSE[cause][outcome];
  switch (outcome) {
    case 'assigned':
      return {
        system_message_type: type,
        text: `Chat assigned to ${names.added} because ${names.removed} ${because}`,
        text_vars: { agent_added: names.added ?? '', agent_removed: names.removed },
      };
    case 'unassigned':
      return { system_message_type: type, text: `Customer was queued because ${names.removed} ${because}`, text_vars: { agent: names.removed } };
    case 'archived':
      return { system_message_type: type, text: `The chat was closed because ${names.removed} ${because}`, text_vars: { agent: names.removed } };
  }
}
