import { join, resolve } from 'node:path';
import { displayPath, REPOSITORY_ROOT, Settings } from '@switchboard/platform';

/** Where the CLI goes and what it reads when given nothing (apps/cli/src/main.ts). */
const CLI_DEFAULT_URL = 'http://127.0.0.1:8080';
const CLI_DEFAULT_DATA_DIR = join(REPOSITORY_ROOT, 'data');

/**
 * What to do once the embedded server listens: open the printed URL (the
 * first-run page), or the first steps of the README's walk-through, as
 * commands that work against this very process (its URL, its data folder).
 * Names where the admin token is, never the token.
 */
export function nextSteps(url: string, settings: Settings): string[] {
  const dataDir = resolve(settings.dataDir);
  const env = !settings.databaseUrl && dataDir !== CLI_DEFAULT_DATA_DIR ? `DATA_DIR=${dataDir} ` : '';
  const cli = `${env}npm run cli --${url === CLI_DEFAULT_URL ? '' : ` --url ${url}`}`;
  const adminToken = settings.databaseUrl
    ? "the CLI takes the admin token from ADMIN_TOKEN (unless you set one, it is in the database: SELECT value FROM server_secrets WHERE name = 'admin_token')"
    : `the CLI reads the admin token from ${displayPath(join(dataDir, 'admin-token'))}`;
  return [
    `open ${url}/ in a browser: set up your organization there, then chat between the Agent App and the widget demo`,
    `  (the page offers the setup while no organization exists${settings.firstRunSetup ? '' : ' and FIRST_RUN_SETUP is not false: it is false now'})`,
    'or, from a terminal at the repository root:',
    '  1. create an organization and its owner (the answer holds the owner\'s access token):',
    `     ${cli} create-organization --name Acme --owner owner@acme.example`,
    '  2. create an access token for an agent of it (here the owner; more agents: the Configuration API\'s create_agent):',
    `     ${cli} create-token --organization <organization_id from step 1> --agent owner@acme.example`,
    `  ${adminToken}; the README's walk-through goes on from there`,
  ];
}
