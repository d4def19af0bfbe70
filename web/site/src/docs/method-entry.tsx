/** One method: its badges in the summary line; URL, RTM action, scopes, the spec's notes and examples when opened. */
import { Blocks, Inline } from './markdown';
import type { MethodDoc } from './model';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** What the filters match: the action with spaces for `_`, its API, family and first note. */
function searchText(method: MethodDoc): string {
  const first = method.example.summary ?? method.notes.map((block) => ('p' in block ? block.p : '')).find(Boolean) ?? '';
  return [method.action, method.action.replace(/_/g, ' '), method.api, method.family, first.replace(/[`*]/g, '')].join(' ').toLowerCase();
}

function transportLabel(method: MethodDoc): string {
  if (method.web && method.rtm) return 'Web + RTM';
  return method.web ? 'Web only' : 'RTM only';
}

const path = (method: MethodDoc) => `/v3.4/${method.api}/action/${method.action}`;

/** Every Customer Chat API request names the organization in its query string. */
function query(method: MethodDoc, organization: string, params: Record<string, unknown> = {}): string {
  const all = { ...(method.api === 'customer' ? { organization_id: organization } : {}), ...params };
  const pairs = Object.entries(all).map(([name, value]) => `${name}=${String(value)}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function webRequestLine(method: MethodDoc): string {
  if (method.transport === 'web GET') return `GET ${path(method)}${query(method, '<organization_id>', method.example.request as Record<string, unknown>)}`;
  return `${method.transport === 'web POST|GET' ? 'POST (or GET)' : 'POST'} ${path(method)}${query(method, '<organization_id>')}`;
}

function authLabel(method: MethodDoc): string {
  if (method.noAuth) return 'none needed';
  return method.api === 'customer' ? 'customer access token (Bearer)' : 'agent access token (Bearer) or personal access token (Basic)';
}

function RequestExample({ method }: { method: MethodDoc }) {
  const { example } = method;
  if (example.multipart !== undefined) {
    return (
      <>
        <h5>Request</h5>
        <p>A <code>multipart/form-data</code> body with one field, <code>file</code> (at most 10 MB):</p>
        <pre><code data-example="multipart">{`curl "$SWITCHBOARD${path(method)}${query(method, '$ORGANIZATION')}" \\\n  -H "Authorization: Bearer $TOKEN" -F file=@${example.multipart}`}</code></pre>
      </>
    );
  }
  const where = method.transport === 'web GET' ? 'as query parameters' : method.web && method.rtm ? 'the JSON body on the Web API, the frame’s payload on RTM' : method.web ? 'the JSON body' : 'the RTM frame’s payload';
  return (
    <>
      <h5>Request <span class="muted">({where})</span></h5>
      <pre><code data-example="request">{json(example.request)}</code></pre>
    </>
  );
}

export function MethodEntry({ method }: { method: MethodDoc }) {
  const statusClass = method.status === 'implemented' || method.status === 'extension' ? 'ok' : 'missing';
  return (
    <article class="method" id={method.key} data-api={method.status === 'extension' ? 'extension' : method.api} data-web={String(method.web)} data-rtm={String(method.rtm)} data-search={searchText(method)}>
      <details>
        <summary>
          <h4><code>{method.action}</code></h4>
          <span class={`badge status ${statusClass}`}>{method.status}</span>
          <span class="badge">{transportLabel(method)}</span>
        </summary>
        <div class="method-body">
          <dl>
            {method.web && <><dt>Web</dt><dd><code>{webRequestLine(method)}</code></dd></>}
            {method.rtm && <><dt>RTM</dt><dd>action <code>{method.action}</code> on <code>{`/v3.4/${method.api}/rtm/ws`}</code></dd></>}
            <dt>Authorization</dt><dd>{authLabel(method)}</dd>
            {method.scopes && <><dt>Scopes</dt><dd><Inline text={method.scopes} /></dd></>}
          </dl>
          {method.example.summary ? (
            <p><Inline text={method.example.summary} /></p>
          ) : (
            <>
              <h5>Notes <span class="muted">(the LiveChat v3.4 reference, restated)</span></h5>
              <Blocks blocks={method.notes} />
            </>
          )}
          <RequestExample method={method} />
          <h5>Response</h5>
          {method.example.responseNote && <p class="muted">({method.example.responseNote})</p>}
          <pre><code data-example="response">{json(method.example.response)}</code></pre>
          <p><a href={`#${method.key}`}>Link to {method.api}/{method.action}</a></p>
        </div>
      </details>
    </article>
  );
}
