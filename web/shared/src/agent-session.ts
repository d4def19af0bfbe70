/**
 * The Agent App's sign-in as the browser keeps it (localStorage, same origin):
 * the token answer of `/auth/sign_in` or `/auth/agent_token` and when it expires.
 * The app writes it (web/agent/src/session.ts); the home page reads it to show
 * the signed-in agent's organization.
 */
export const AGENT_SESSION_KEY = 'switchboard.agent';

export interface AgentSession {
  access_token: string;
  expires_in: number;
  organization_id: string;
  agent_id: string;
  client_id: string;
  /** When the token stops working (ms since the epoch). */
  expires_at: number;
}

/** The stored session while its token works; a damaged entry is as good as none. */
export function storedAgentSession(now = Date.now()): AgentSession | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(AGENT_SESSION_KEY) ?? 'null') as AgentSession | null;
    if (stored?.access_token && stored.expires_at > now) return stored;
  } catch {
    // Not JSON: treated as signed out.
  }
  return undefined;
}
