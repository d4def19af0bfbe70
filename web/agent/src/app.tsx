/**
 * The Agent App: signed out (or signing in with a link) until it holds a
 * token, then the workspace; the token is renewed while the app is open.
 */
import { useEffect, useState } from 'preact/hooks';
import { forgetSession, loadSession, renew, renewAt, Session, signIn, SignedOutReason, takeSignInCode } from './session';
import { SignedOut } from './screens/signed-out';
import { Workspace } from './workspace';

/** After a failed renewal (Switchboard unreachable), try again this soon. */
const RENEW_RETRY_MS = 30_000;

export function App() {
  const [code, setCode] = useState(takeSignInCode);
  const [session, setSession] = useState<Session | undefined>(() => (code ? undefined : loadSession()));
  const [reason, setReason] = useState<SignedOutReason>('none');
  const [problem, setProblem] = useState<string>();

  const end = (why: SignedOutReason) => {
    forgetSession();
    setSession(undefined);
    setReason(why);
  };

  useEffect(() => {
    if (!code) return;
    setProblem(undefined);
    signIn(code)
      .then((signedIn) => (signedIn ? setSession(signedIn) : setReason('link-invalid')))
      .catch((error: Error) => setProblem(error.message))
      .finally(() => setCode(undefined));
  }, [code]);

  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout>;
    let current = true;
    const attempt = async () => {
      try {
        const renewed = await renew(session);
        if (!current) return;
        if (renewed) setSession(renewed);
        else end('expired');
      } catch {
        if (!current) return;
        if (Date.now() >= session.expires_at) end('expired');
        else timer = setTimeout(() => void attempt(), RENEW_RETRY_MS);
      }
    };
    timer = setTimeout(() => void attempt(), Math.max(0, renewAt(session) - Date.now()));
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session]);

  if (code) return <p class="centered" role="status">Signing in…</p>;
  if (!session) return <SignedOut reason={reason} problem={problem} onCode={setCode} />;
  return <Workspace key={session.agent_id} session={session} onSignOut={() => end('signed-out')} onSignedOut={() => end('expired')} />;
}
