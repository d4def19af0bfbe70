import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appEntryPoint, callWeb, spawnApp, SpawnedApp, START_TIMEOUT_MS, waitFor } from '@switchboard/testing';

/** Runs a CLI command exactly as the server printed it (`[DATA_DIR=… ]npm run cli -- …`), with the blanks filled in. */
async function runPrinted(output: string, command: string, blanks: Record<string, string> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const line = output.split('\n').find((l) => l.includes('npm run cli -- ') && l.includes(` ${command} `));
  if (!line) throw new Error(`no printed \`${command}\` command in:\n${output}`);
  const [, dataDir, rest] = /(?:DATA_DIR=(\S+) )?npm run cli -- (.+)$/.exec(line)!;
  const filled = Object.entries(blanks).reduce((text, [blank, value]) => text.replace(blank, value), rest.trim());
  const { stdout } = await promisify(execFile)(process.execPath, [appEntryPoint('cli'), ...filled.split(/\s+/)], {
    env: { PATH: process.env.PATH, ...(dataDir && { DATA_DIR: dataDir }) },
  });
  return JSON.parse(stdout);
}

describe('first start of the embedded mode', () => {
  let dir: string;
  let app: SpawnedApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-first-start-'));
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a new data folder from the bundled snapshot, says what it does and what to do next, and those steps work', async () => {
    // What a newcomer sees on a terminal (LOG_FORMAT=auto is pretty there).
    const first = (app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_FORMAT: 'pretty' }));
    // The next steps follow the "listening" line spawnApp waits for.
    await waitFor(() => /walk-through goes on from there\n/.test(first.output()), 30_000);
    const output = first.output();
    expect(output).toMatch(/preparing the embedded database in \S+ \(first start\) from the bundled snapshot/);
    expect(output).toMatch(/database ready in \d+ ms \(created from the bundled snapshot\)/);
    expect(output).toMatch(/schema up to date/);
    // First the page a newcomer opens: the printed URL serves the first-run page, which offers the setup.
    expect(output).toContain(`open ${first.url}/ in a browser: set up your organization there`);
    const page = await fetch(`${first.url}/`);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<title>Switchboard — set up</title>');
    expect(await (await fetch(`${first.url}/setup`)).json()).toEqual({ setup_needed: true });
    expect(output).toContain(`the CLI reads the admin token from ${join(dir, 'admin-token')}`);
    expect(output).not.toContain(readFileSync(join(dir, 'admin-token'), 'utf8').trim());

    // Step 1 as printed: an organization and its owner, read back through the Configuration API.
    const organization = await runPrinted(output, 'create-organization');
    const owner = organization.owner.access_token as string;
    const agents = await callWeb(app.url, 'configuration', 'list_agents', {}, { token: owner });
    expect(agents.status).toBe(200);
    expect(agents.body.map((agent: { id: string }) => agent.id)).toEqual(['owner@acme.example']);

    // Step 2 as printed: a token that works on the Agent Chat API.
    const token = await runPrinted(output, 'create-token', { '<organization_id from step 1>': organization.organization_id });
    expect((await callWeb(app.url, 'agent', 'list_chats', {}, { token: token.access_token })).status).toBe(200);

    // A restart opens the folder as it is: the organization and its tokens are still there.
    expect(await app.stop('SIGTERM')).toBe(0);
    app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_FORMAT: 'pretty' });
    expect(app.output()).toMatch(/opening the embedded database in \S+\n/);
    expect(app.output()).toMatch(/database ready in \d+ ms \(existing data\)/);
    expect((await callWeb(app.url, 'configuration', 'list_agents', {}, { token: owner })).body).toEqual(agents.body);
    expect(await app.stop('SIGTERM')).toBe(0);
    app = undefined;
  }, 2 * START_TIMEOUT_MS + 60_000);
});
