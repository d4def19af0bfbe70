import { Access, NewChatEvent, Properties, UserRef } from './chat.types';
import { MembershipCommand } from './membership.commands';
import { PropertyCommand } from './properties.decide';
import { TagCommand } from './tags.decide';
import { SignalCommand } from './signals.types';
import type { AddSystemMessage } from './system-message.decide';
import type { ReassignChat } from './reassign.decide';

/** Time and ids arrive with the command: the decider reads no clock and draws no random numbers. */
interface CommandBase {
  requester: UserRef;
  /** RFC 3339 UTC with microseconds. */
  now: string;
}

export interface StartChat extends CommandBase {
  type: 'start_chat';
  chat_id: string;
  thread_id: string;
  /** Users besides the requester (agent API: up to 4 agents and 1 customer). */
  users: UserRef[];
  access?: Access;
  properties?: Properties;
  thread_properties?: Properties;
  events: NewChatEvent[];
  active: boolean;
  continuous: boolean;
  /** The application the requester acts for: recorded as `source.client_id` of the chat and its thread (ADR 0043). */
  client_id?: string;
}

export interface ResumeChat extends CommandBase {
  type: 'resume_chat';
  thread_id: string;
  users: UserRef[];
  access?: Access;
  properties?: Properties;
  thread_properties?: Properties;
  events: NewChatEvent[];
  active: boolean;
  continuous?: boolean;
  /** The application the requester acts for: recorded as `source.client_id` of the new thread (ADR 0043). */
  client_id?: string;
}

export interface SendEvent extends CommandBase {
  type: 'send_event';
  event: NewChatEvent;
  attach_to_last_thread?: boolean;
}

export interface DeactivateChat extends CommandBase {
  type: 'deactivate_chat';
  ignore_requester_presence?: boolean;
}

/** The router gives the active thread to an agent. */
export interface AssignAgent extends CommandBase {
  type: 'assign_agent';
  agent: UserRef;
  thread_id: string;
}

export type ChatCommand = StartChat | ResumeChat | SendEvent | DeactivateChat | AssignAgent | MembershipCommand | PropertyCommand | TagCommand | SignalCommand | AddSystemMessage | ReassignChat;

/** Group 0 holds every agent: a chat without explicit access is visible to all. */
export const DEFAULT_ACCESS: Access = { group_ids: [0] };
