/** The tokens walk-through: who gets which token, from where. */
import { Code } from './code';

export function Tokens() {
  return (
    <section aria-labelledby="tokens">
      <h2 id="tokens">Tokens walk-through</h2>
      <p>
        Every call carries a token in <code>Authorization</code>. Agents (and bots, through an agent’s token) use the Agent Chat and
        Configuration APIs; customers use the Customer Chat API with a customer token. Tokens last at most 8 hours
        (<code>TOKEN_MAX_TTL_SECONDS</code>).
      </p>

      <h3>1. An organization and its owner</h3>
      <p>
        On a fresh install, open the first-run page at <a href="/">/</a>: it asks for the organization’s name and the owner’s
        name and e-mail, creates both and signs the owner in to the Agent App. The operator can also create organizations from a
        terminal; the CLI reads the admin token from <code>./data/admin-token</code> and answers the owner’s access token:
      </p>
      <Code>{`npm run cli --silent -- create-organization --name Acme --owner owner@acme.example > org.json
ORG=$(node -p "require('./org.json').organization_id")
TOKEN=$(node -p "require('./org.json').owner.access_token")`}</Code>

      <h3>2. Agents: sign-in links or tokens</h3>
      <p>
        The owner (or an administrator) adds an agent with the Configuration API’s <a href="#configuration/create_agent"><code>create_agent</code></a>,
        then lets them in with a <strong>sign-in link</strong>: <code>POST /auth/sign_in_links</code> <code>{'{"agent_id"}'}</code> with the
        owner’s or administrator’s token (or an agent’s own, for itself) answers <code>{'{"code", "path", "expires_in"}'}</code>. This
        server’s origin followed by <code>path</code> opens the Agent App; the link works once, within 24 hours. The Agent App
        exchanges it with <code>POST /auth/sign_in</code> <code>{'{"code"}'}</code>, which needs no credentials and answers an access token.
      </p>
      <Code>{`curl -X POST "$SWITCHBOARD/v3.4/configuration/action/create_agent" -H "Authorization: Bearer $TOKEN" \\
  -H 'Content-Type: application/json' -d '{"id": "jo@acme.example", "name": "Jo"}'
curl -X POST "$SWITCHBOARD/auth/sign_in_links" -H "Authorization: Bearer $TOKEN" \\
  -H 'Content-Type: application/json' -d '{"agent_id": "jo@acme.example"}'
# {"code": "…", "path": "/agent/#sign-in=…", "expires_in": 86400}`}</Code>
      <p>
        A program gets an agent’s token directly: <code>POST /auth/agent_token</code>{' '}
        <code>{'{"agent_id", "expires_in"?, "client_id"?}'}</code> with a Bearer token — an agent’s own (renewal), or an owner’s or
        administrator’s for agents of lower roles. <code>POST /auth/revoke</code> <code>{'{"agent_id"?}'}</code> ends an agent’s tokens.
      </p>
      <Code>{`AGENT=$(curl -s -X POST "$SWITCHBOARD/auth/agent_token" -H "Authorization: Bearer $TOKEN" \\
  -H 'Content-Type: application/json' -d '{"agent_id": "jo@acme.example"}' | node -p "JSON.parse(require('fs').readFileSync(0)).access_token")
# the answer: {"access_token", "token_type": "Bearer", "expires_in", "organization_id", "agent_id", "client_id"}`}</Code>

      <h3>3. Personal access tokens</h3>
      <p>
        For scripts and servers, an agent creates a personal access token for itself with <code>POST /auth/personal_access_tokens</code>{' '}
        <code>{'{"name"}'}</code> (Bearer token only) → <code>{'{"id", "name", "token", "created_at"}'}</code>; the token is shown
        once. It never expires, works on the Agent Chat and Configuration APIs (never on the Customer Chat API) as{' '}
        <code>Authorization: Basic base64(agent_id:token)</code>, and is revoked with <code>POST /auth/personal_access_tokens/revoke</code>{' '}
        <code>{'{"id"}'}</code>; <code>GET /auth/personal_access_tokens</code> lists them without secrets.
      </p>
      <Code>{`curl -X POST "$SWITCHBOARD/v3.4/agent/action/list_chats" -u "jo@acme.example:$PAT" \\
  -H 'Content-Type: application/json' -d '{}'`}</Code>

      <h3>4. Applications</h3>
      <p>
        A token is issued for an application and carries its <code>client_id</code>: bots, webhooks and property namespaces belong to
        applications (<code>owner_client_id</code>). Every organization has a default one; the owner registers more with{' '}
        <code>POST /auth/applications</code> <code>{'{"name"}'}</code> → <code>{'{"client_id", "name"}'}</code>, and any agent lists
        them with <code>GET /auth/applications</code>.
      </p>

      <h3>5. Customers</h3>
      <p>
        A chat widget gets a customer token without a secret: <code>POST /customer/token</code> <code>{'{"organization_id"}'}</code>{' '}
        → <code>{'{"access_token", "entity_id", "expires_in", "token_type", "organization_id"}'}</code>. The answer also sets the{' '}
        <code>__lc_cid</code> and <code>__lc_cst</code> cookies, which identify the same customer next time: call it from the browser with{' '}
        <code>credentials: 'include'</code>. Customer Chat API requests name the organization in the query string,{' '}
        <code>?organization_id=…</code>.
      </p>
      <Code>{`const response = await fetch(\`\${SWITCHBOARD}/customer/token\`, {
  method: 'POST', credentials: 'include',
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ organization_id: ORG }),
});
const { access_token, entity_id } = await response.json();`}</Code>
    </section>
  );
}
