import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnApp, SpawnedApp } from './spawn-app';
import { startTlsProxy, TlsProxy } from './tls-proxy';

const run = promisify(execFile);

/**
 * The embedded Switchboard behind a TLS-terminating proxy, as the official
 * LiveChat JS SDK (https/wss only, its host changed) reaches it: its Web
 * clients (axios) go through the default HTTPS agent, told to trust the
 * proxy; its RTM clients run in processes of their own ({@link runScript}).
 */
export class OfficialSdkHarness {
  private constructor(
    readonly dir: string,
    readonly app: SpawnedApp,
    readonly proxy: TlsProxy,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<OfficialSdkHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sdk-'));
    const app = await spawnApp('switchboard', { DATA_DIR: dir, RATE_LIMITS: 'off', ...env }, { timeoutMs: 120_000 });
    const proxy = await startTlsProxy(app.url);
    globalAgent.options.ca = proxy.certificate;
    return new OfficialSdkHarness(dir, app, proxy);
  }

  get adminToken(): string {
    return readFileSync(join(this.dir, 'admin-token'), 'utf8').trim();
  }

  /**
   * Runs `script` in a Node process of its own that trusts the proxy from the
   * start (NODE_EXTRA_CA_CERTS: the SDK's WebSocket takes no TLS options);
   * it sees the proxy's host as `SB_HOST` and `env`. Resolves with what it printed;
   * rejects if it fails or outlives `timeoutMs`.
   */
  async runScript(script: string, env: Record<string, string>, { timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<string> {
    const caFile = join(this.dir, 'proxy-ca.pem');
    writeFileSync(caFile, this.proxy.certificate);
    const { stdout } = await run(process.execPath, ['-e', script], {
      // The script requires the SDK from the workspace the tests run in.
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, SB_HOST: this.proxy.host, ...env },
      timeout: timeoutMs,
    });
    return stdout;
  }

  async stop(): Promise<void> {
    delete globalAgent.options.ca;
    await this.proxy.close();
    await this.app.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
