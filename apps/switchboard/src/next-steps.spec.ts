import { join } from 'node:path';
import { loadSettings, REPOSITORY_ROOT } from '@switchboard/platform';
import { nextSteps } from './next-steps';

const commands = (lines: string[]) => lines.filter((line) => line.includes('npm run cli')).map((line) => line.trim());

describe('the next steps the embedded server prints once it listens', () => {
  it('after a plain `npm start`: the CLI commands exactly as in the README, with no flags to add', () => {
    const lines = nextSteps('http://127.0.0.1:8080', loadSettings('switchboard', { DATA_DIR: join(REPOSITORY_ROOT, 'data') }));
    expect(commands(lines)).toEqual([
      'npm run cli -- create-organization --name Acme --owner owner@acme.example',
      'npm run cli -- create-token --organization <organization_id from step 1> --agent owner@acme.example',
    ]);
    // First: the page that sets the organization up in a browser.
    expect(lines[0]).toBe('open http://127.0.0.1:8080/ in a browser: set up your organization there, then chat between the Agent App and the widget demo');
    // jest runs at the repository root, where `npm start` runs too.
    expect(lines.join('\n')).toContain('the CLI reads the admin token from ./data/admin-token');
  });

  it('on another port and data folder: commands that reach this server and find its admin token', () => {
    const lines = nextSteps('http://127.0.0.1:9090', loadSettings('switchboard', { DATA_DIR: '/srv/switchboard' }));
    expect(commands(lines)[0]).toBe(
      'DATA_DIR=/srv/switchboard npm run cli -- --url http://127.0.0.1:9090 create-organization --name Acme --owner owner@acme.example',
    );
  });

  it('on PostgreSQL: says the CLI needs ADMIN_TOKEN, since no admin-token file is written', () => {
    const lines = nextSteps('http://127.0.0.1:8080', loadSettings('switchboard', { DATABASE_URL: 'postgres://db/switchboard' }));
    expect(commands(lines)[0]).toBe('npm run cli -- create-organization --name Acme --owner owner@acme.example');
    expect(lines.join('\n')).toContain('ADMIN_TOKEN');
    expect(lines.join('\n')).not.toContain('admin-token');
  });
});
