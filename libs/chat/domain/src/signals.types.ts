import { ChatEventRecord } from './chat.types';

/** Time and the requester, as every chat command carries them (chat.commands.ts). */
interface SignalCommandBase {
  requester: { id: string; type: 'agent' | 'customer'; name?: string };
  /** RFC 3339 UTC with microseconds. */
  now: string;
}

/** `mark_events_as_seen`: everything up to `seen_up_to` has been seen by the requester. */
export interface MarkEventsAsSeen extends SignalCommandBase {
  type: 'mark_events_as_seen';
  seen_up_to: string;
}

/** `send_rich_message_postback`: the requester toggles a button of a rich message. */
export interface SendRichMessagePostback extends SignalCommandBase {
  type: 'send_rich_message_postback';
  thread_id: string;
  event_id: string;
  postback: { id: string; toggled: boolean };
  /**
   * The rich message as stored, looked up by the caller: the state kept for
   * deciding has no event bodies, and stored events never change.
   */
  event?: ChatEventRecord;
}

/** The stored commands of live signals and rich messages. */
export type SignalCommand = MarkEventsAsSeen | SendRichMessagePostback;

/** Their facts, in the chat's stream. */
export type SignalEvent =
  | {
      type: 'events_seen';
      /** `visibility: agents` for a user added for agents only: the customer does not hear of it. */
      data: { user_id: string; seen_up_to: string; visibility?: 'agents' };
    }
  | {
      type: 'rich_message_postback';
      data: {
        thread_id: string;
        event_id: string;
        user_id: string;
        postback: { id: string; toggled: boolean };
        /** The rich message's visibility: customers hear only postbacks of messages they can see. */
        visibility: 'all' | 'agents';
      };
    };

/** Who toggled which button on: `{ "<event id>": { "<postback id>": [user ids] } }`. */
export type ButtonUsers = Record<string, Record<string, string[]>>;
