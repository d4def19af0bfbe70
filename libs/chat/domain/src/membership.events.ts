import { Access, Visibility } from './chat.types';

/** Facts of following, membership and transfers (ADR 0025). */
export type MembershipEvent =
  | { type: 'chat_followed'; data: { agent_id: string; thread_id: string | null } }
  | { type: 'chat_unfollowed'; data: { agent_id: string } }
  | {
      type: 'user_removed';
      data: {
        thread_id?: string;
        user_id: string;
        user_type: 'agent' | 'customer';
        /** As the user was added: customers never hear about users with visibility `agents`. */
        visibility: Visibility;
        /** `manual` by a user; the router's reassignment (reassign.decide.ts) says why, as its `chat_transferred` does. */
        reason: 'manual' | 'inactive' | 'assigned' | 'unassigned';
        requester_id?: string;
      };
    }
  | { type: 'chat_access_updated'; data: { access: Access } }
  | {
      type: 'chat_transferred';
      data: {
        thread_id: string;
        /** Absent when the router moved the chat. */
        requester_id?: string;
        reason: 'manual' | 'inactive' | 'assigned' | 'unassigned';
        transferred_to: { group_ids?: number[]; agent_ids?: string[] };
        transferred_from: { group_ids: number[]; agent_ids: string[] };
        /** Nobody could take the chat at once: it waits for the router. */
        queued: boolean;
        /** Where a queued chat stands (`chat_transferred.queue`). */
        queue?: { position: number; wait_time: number; queued_at: string };
        /** The agent who got the chat and was not in it before: they get `incoming_chat` with `transferred_from`. */
        assignee_id?: string;
      };
    };

export const MEMBERSHIP_EVENT_TYPES: MembershipEvent['type'][] = [
  'chat_followed',
  'chat_unfollowed',
  'user_removed',
  'chat_access_updated',
  'chat_transferred',
];
