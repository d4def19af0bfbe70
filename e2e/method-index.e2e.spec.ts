import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_CATALOG, MethodInfo } from '@switchboard/protocol';
import { callWeb, RtmClient, spawnApp, SpawnedApp, START_TIMEOUT_MS } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

const INDEX = join(__dirname, '../docs/method-index.md');

const transport = (m: MethodInfo) => m.transport;

/** Asks the running server, method by method, whether it is built: a method not built yet answers 501. */
async function probe(url: string, method: MethodInfo, tokens: { agent: string; customer: string; organizationId: string }, rtm: Record<string, RtmClient>) {
  if (method.web) {
    const token = method.api === 'customer' ? tokens.customer : tokens.agent;
    const response = await callWeb(url, method.api, method.action, {}, {
      token,
      organizationId: method.api === 'customer' ? tokens.organizationId : undefined,
    });
    return response.status !== 501;
  }
  if (method.action === 'login') return true; // every RTM test logs in first
  const response = await rtm[method.api].request(method.action, {});
  return !(response.success === false && response.payload.error.data?.reason === 'not_implemented');
}

/**
 * docs/method-index.md is the project's record of what works; this suite asks
 * the server and fails when the record is wrong (UPDATE_METHOD_INDEX=1 rewrites it).
 */
describe('method index', () => {
  let dir: string;
  let app: SpawnedApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-index-'));
    app = await spawnApp('switchboard', { DATA_DIR: dir });
  }, START_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('says exactly which of the 117 methods this server implements', async () => {
    const { organizationId, ownerToken } = await createOrganization(app.url, readFileSync(join(dir, 'admin-token'), 'utf8').trim());
    const customer = await customerToken(app.url, organizationId);
    const rtm = {
      agent: await RtmClient.connect(app.url, 'agent'),
      customer: await RtmClient.connect(app.url, 'customer', organizationId),
    };
    expect((await rtm.agent.request('login', { token: `Bearer ${ownerToken}` })).success).toBe(true);
    expect((await rtm.customer.request('login', { token: `Bearer ${customer.access_token}` })).success).toBe(true);
    // `logout` ends the owner's session (all its tokens): probed last.
    const probeOrder = [...METHOD_CATALOG].sort((a, b) => Number(a.action === 'logout') - Number(b.action === 'logout'));
    const built = new Map<MethodInfo, boolean>();
    for (const method of probeOrder) {
      built.set(method, await probe(app.url, method, { agent: ownerToken, customer: customer.access_token, organizationId }, rtm));
    }
    const rows = METHOD_CATALOG.map(
      (method) => `| ${method.api} | \`${method.action}\` | ${transport(method)} | ${built.get(method) ? 'implemented' : 'not yet (501)'} |`,
    );
    rtm.agent.close();
    rtm.customer.close();
    const implemented = rows.filter((r) => r.endsWith('| implemented |')).length;
    const document = [
      '# Method index: what this Switchboard implements',
      '',
      'Generated and checked by `e2e/method-index.e2e.spec.ts` against a running server',
      '(`UPDATE_METHOD_INDEX=1 npm run jest -- e2e/method-index` rewrites it). A method not',
      'implemented yet answers `{"error": {"type": "service_unavailable", "data": {"reason": "not_implemented"}}}`',
      '(HTTP 501 on the Web API); see `docs/adr/0005-protocol-edges.md`. The full reference is',
      '`shared/spec/method-index.md`.',
      '',
      `Implemented: **${implemented}** of ${rows.length}.`,
      '',
      '| api | action | transport | status |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    if (process.env.UPDATE_METHOD_INDEX === '1' || !existsSync(INDEX)) writeFileSync(INDEX, document);
    expect(readFileSync(INDEX, 'utf8')).toBe(document);
  }, 120_000);
});
