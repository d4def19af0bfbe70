import { ApiError } from './errors';
import { AGENT_PUSHES, LEGACY_AGENT_PUSHES } from './pushes';
import { parseApiVersion } from './version';

const KNOWN = new Set<string>([...AGENT_PUSHES, ...LEGACY_AGENT_PUSHES]);

/**
 * Which pushes an agent's connection asked for in `login.pushes`
 * (`{"3.4": ["incoming_chat"], "3.5": ["all"]}`): undefined when it asked for
 * none in particular (it gets every push). Switchboard words every push the
 * v3.4 way, so the versions only have to be ones it speaks; the names of
 * every version add up. Legacy names are accepted and never sent.
 *
 * @throws ApiError `unsupported_version` for a version older than 3.4; `validation` for a name that is no agent push
 */
export function agentPushSubscription(pushes: Record<string, readonly string[]> | undefined): ReadonlySet<string> | undefined {
  if (pushes === undefined) return undefined;
  const names = new Set<string>();
  for (const [version, list] of Object.entries(pushes)) {
    parseApiVersion(version);
    for (const name of list) {
      if (name === 'all') return undefined;
      if (!KNOWN.has(name)) throw new ApiError('validation', `pushes.${version}: ${name} is not a push of the Agent Chat API`);
      names.add(name);
    }
  }
  return names;
}
