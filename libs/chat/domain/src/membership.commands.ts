import { Access, UserRef, Visibility } from './chat.types';

interface MembershipCommandBase {
  requester: UserRef;
  /** RFC 3339 UTC with microseconds. */
  now: string;
}

/** A non-member agent starts hearing the chat's pushes until its next thread (agent-chat-api.md §1). */
export interface FollowChat extends MembershipCommandBase {
  type: 'follow_chat';
}

export interface UnfollowChat extends MembershipCommandBase {
  type: 'unfollow_chat';
}

export interface AddUserToChat extends MembershipCommandBase {
  type: 'add_user_to_chat';
  /** The user to add, with the name system messages show. */
  user: UserRef;
  visibility: Visibility;
  ignore_requester_presence?: boolean;
}

export interface RemoveUserFromChat extends MembershipCommandBase {
  type: 'remove_user_from_chat';
  user: UserRef;
  ignore_requester_presence?: boolean;
}

/**
 * The agent a transfer hands the chat to. `capped`: the seat is taken only
 * below `max_chats_count` and while the agent accepts chats (checked in the
 * append's transaction, like the router's); otherwise (a direct transfer to an
 * agent not accepting chats, which the spec allows) the seat is taken anyway.
 */
export interface TransferAssignee {
  user: UserRef;
  capped: boolean;
}

export interface TransferChat extends MembershipCommandBase {
  type: 'transfer_chat';
  /** As requested; absent = re-routed within the chat's groups. */
  target?: { type: 'group' | 'agent'; ids: Array<number | string> };
  /** The chat's access after the transfer (the target groups, or unchanged). */
  access: Access;
  /** Chosen by the application; absent: nobody could take the chat now, so it waits in the queue. */
  assignee?: TransferAssignee;
  /** What `%targets%` shows: agents' or groups' names. */
  target_names: string[];
  ignore_requester_presence?: boolean;
}

export type MembershipCommand = FollowChat | UnfollowChat | AddUserToChat | RemoveUserFromChat | TransferChat;

/** Commands whose events are pushed as membership changes; the router's transfers (`reassign_chat`) are pushed like transfers. */
export const MEMBERSHIP_COMMAND_TYPES: ReadonlySet<string> = new Set<MembershipCommand['type'] | 'reassign_chat'>([
  'follow_chat',
  'unfollow_chat',
  'add_user_to_chat',
  'remove_user_from_chat',
  'transfer_chat',
  'reassign_chat',
]);
