/** What every screen of a signed-in app reads: the connection, who the agent is, and the login's generation. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AgentClient } from './client';
import type { License, MyProfile } from './chats/types';

export interface Agent {
  client: AgentClient;
  me: MyProfile;
  license: License;
  /** Counts successful logins: 1 after the first, +1 after each reconnection (screens reload their data). */
  generation: number;
}

export const AgentContext = createContext<Agent | undefined>(undefined);

export function useAgent(): Agent {
  const agent = useContext(AgentContext);
  if (!agent) throw new Error('useAgent outside a signed-in app');
  return agent;
}

/** Owners and administrators manage agents. */
export function canManageAgents(me: MyProfile): boolean {
  return me.permission === 'owner' || me.permission === 'viceowner' || me.permission === 'administrator';
}

/** The message of a failed call, for the screen. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
