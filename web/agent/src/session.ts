/**
 * The agent's sign-in, kept in localStorage: a sign-in link's code is traded
 * for an access token (`POST /auth/sign_in`), which the app renews itself
 * (`POST /auth/agent_token`) while it is open. Signing out only forgets the
 * token: RTM `logout` would end the agent's other sessions too.
 */
import { AGENT_SESSION_KEY, AgentSession, ApiCallError, postJson, storedAgentSession } from '@web/shared';

const SIGN_IN_HASH = /^#sign-in=([^&]+)/;

/** The token answer of `/auth/sign_in` and `/auth/agent_token`. */
type TokenAnswer = Omit<AgentSession, 'expires_at'>;

export type Session = AgentSession;

/** Why the app shows the signed-out screen. */
export type SignedOutReason = 'none' | 'link-invalid' | 'expired' | 'signed-out';

export function loadSession(now = Date.now()): Session | undefined {
  return storedAgentSession(now);
}

function store(answer: TokenAnswer): Session {
  const session: Session = {
    access_token: answer.access_token,
    expires_in: answer.expires_in,
    organization_id: answer.organization_id,
    agent_id: answer.agent_id,
    client_id: answer.client_id,
    expires_at: Date.now() + answer.expires_in * 1000,
  };
  localStorage.setItem(AGENT_SESSION_KEY, JSON.stringify(session));
  return session;
}

export function forgetSession(): void {
  localStorage.removeItem(AGENT_SESSION_KEY);
}

/** The code of a sign-in link the page was opened with (`/agent/#sign-in=<code>`), taken off the address. */
export function takeSignInCode(): string | undefined {
  const match = SIGN_IN_HASH.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

/** Trades a sign-in link's code for a session; `undefined` when the link is used, expired or unknown. */
export async function signIn(code: string): Promise<Session | undefined> {
  try {
    return store(await postJson<TokenAnswer>('/auth/sign_in', { code }));
  } catch (error) {
    if (error instanceof ApiCallError && error.type === 'authentication') return undefined;
    throw error;
  }
}

/** A fresh token for the same agent, asked with the current one; `undefined` once that one no longer works. */
export async function renew(session: Session): Promise<Session | undefined> {
  try {
    return store(await postJson<TokenAnswer>('/auth/agent_token', { agent_id: session.agent_id }, { token: session.access_token }));
  } catch (error) {
    if (error instanceof ApiCallError && (error.type === 'authentication' || error.type === 'authorization')) return undefined;
    throw error;
  }
}

/** When to renew: once less than half of the token's lifetime is left. */
export function renewAt(session: Session): number {
  return session.expires_at - (session.expires_in * 1000) / 2;
}
