import { ReassignCause } from '@switchboard/chat/domain';

/** An event of an agent's (or bot's) stream, as the router reads its tail. */
export interface AgentStreamEvent {
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

/** Why an agent lost their chats, since when, and until when a reconnect lets them keep them. */
export interface PresenceLoss {
  cause: Exclude<ReassignCause, 'inactive'>;
  /** RFC 3339: when it happened. */
  since: string;
  /** RFC 3339: the chats move at this moment (a lost connection waits `reconnect_grace_s`; anything else moves at once). */
  due: string;
}

const addSeconds = (at: string, seconds: number) => new Date(Date.parse(at) + seconds * 1000).toISOString();

/**
 * Reads why an agent who is offline (or deleted, or suspended) lost their
 * chats from the newest events of their stream (oldest first): deleted;
 * suspended (signed out remotely); or gone offline — after their tokens were
 * revoked by `logout` (signed out) or by someone else (remotely signed out),
 * a bot set offline (signed out); otherwise their last connection dropped or
 * their gateway died (disconnected, with the grace period). Undefined when
 * the tail says the agent is online.
 */
export function presenceLoss(tail: readonly AgentStreamEvent[], agent: { isBot: boolean; graceSeconds: number }): PresenceLoss | undefined {
  const at = (cause: PresenceLoss['cause'], since: string, grace = 0): PresenceLoss => ({ cause, since, due: addSeconds(since, grace) });
  for (let i = tail.length - 1; i >= 0; i--) {
    const event = tail[i];
    switch (event.type) {
      case 'agent_deleted':
      case 'bot_deleted':
        return at('deleted', event.created_at);
      case 'agent_suspended':
        return at('remotely_signed_out', event.created_at);
      case 'routing_status_set': {
        if (event.data['status'] !== 'offline') return undefined;
        const revoked = revokedBefore(tail, i);
        if (revoked) return at(revoked.data['reason'] === 'logout' ? 'signed_out' : 'remotely_signed_out', event.created_at);
        // A bot is set offline by its owner on purpose: it signed out.
        if (agent.isBot) return at('signed_out', event.created_at);
        return at('disconnected', event.created_at, agent.graceSeconds);
      }
      default:
        continue;
    }
  }
  return undefined;
}

/** The token revocation that took the agent offline: after the agent's previous status change, before going offline. */
function revokedBefore(tail: readonly AgentStreamEvent[], offlineIndex: number): AgentStreamEvent | undefined {
  for (let i = offlineIndex - 1; i >= 0; i--) {
    if (tail[i].type === 'routing_status_set') return undefined;
    if (tail[i].type === 'agent_tokens_revoked') return tail[i];
  }
  return undefined;
}
