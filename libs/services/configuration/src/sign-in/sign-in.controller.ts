import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { Authenticator, parsePayload, RateLimiter, readBody, sendError, sendJson } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { z } from 'zod';
import { authenticateAgent, email, parse } from '../account-endpoints';
import { accountTarget } from '../agent-authority';
import { SignInLinks } from './sign-in-links';

const name = z.string().trim().min(1).max(180);
const issueLink = z.object({ agent_id: email });
const redeemLink = z.object({ code: z.string().min(1).max(200) });
const firstRun = z.object({ organization_name: name, owner_name: name, owner_email: email });

const INVALID_LINK = 'This sign-in link is not valid: it was used already, has expired, or was never issued';

/**
 * How people get into the browser apps (ADR 0046): the first-run setup of a
 * fresh install, and single-use sign-in links that owners and administrators
 * issue to agents and the Agent App redeems for an access token.
 */
@Controller()
export class SignInController {
  private readonly links: SignInLinks;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
    private readonly commands: ConfigurationCommands,
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
  ) {
    this.links = new SignInLinks(infrastructure.db);
  }

  /**
   * `POST /auth/sign_in_links` {agent_id} with a Bearer token: a link for
   * oneself, or — owners and administrators — for an agent of a lower role.
   * Answers `{code, path, expires_in}`; the code is shown only this once.
   */
  @Post('auth/sign_in_links')
  async issue(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await authenticateAgent(this.authenticator, this.limiter, request);
      const { agent_id: agentId } = parse(issueLink, parsePayload(await readBody(request)));
      const agent = await accountTarget(this.infrastructure.readModels, auth.requester, auth.organizationId, agentId, 'issue sign-in links for');
      if (agent.suspended) throw new ApiError('requester_suspended', `Agent ${agentId} is suspended`);
      sendJson(response, 200, await this.links.issue(auth.organizationId, agentId, agent.token_generation, auth.requester.id));
    } catch (error) {
      sendError(response, error);
    }
  }

  /**
   * `POST /auth/sign_in` {code}, no credentials: uses the link up and answers
   * an access token of its agent, as `/auth/agent_token` does. A link issued
   * before the agent's tokens were revoked does not work any more.
   */
  @Post('auth/sign_in')
  async redeem(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.limiter.admitWithoutToken(request);
      const { code } = parse(redeemLink, parsePayload(await readBody(request)));
      const link = await this.links.redeem(code);
      if (!link) throw new ApiError('authentication', INVALID_LINK);
      const agent = await this.infrastructure.readModels.agent(link.organizationId, link.agentId);
      if (!agent || agent.token_generation !== link.tokenGeneration) throw new ApiError('authentication', INVALID_LINK);
      sendJson(response, 200, await this.commands.agentToken(link.organizationId, link.agentId));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `GET /setup` → `{setup_needed}`: whether the first-run page offers to create the first organization. */
  @Get('setup')
  async state(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.limiter.admitAddress(this.limiter.address(request));
      sendJson(response, 200, { setup_needed: await this.setupNeeded() });
    } catch (error) {
      sendError(response, error);
    }
  }

  /**
   * `POST /setup` {organization_name, owner_name, owner_email}: on an install
   * without organizations, creates the first one and its owner, once, and
   * answers `{organization_id, sign_in: {code, path, expires_in}}` — the
   * owner's sign-in link, which the page follows into the Agent App.
   */
  @Post('setup')
  async setup(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.limiter.admitWithoutToken(request);
      const body = parse(firstRun, parsePayload(await readBody(request)));
      if (!(await this.setupNeeded())) throw new ApiError('authorization', 'This Switchboard is set up already: sign in to the Agent App instead');
      // One setup per install, even when two browsers submit at once: the first to claim the row wins.
      const { rows } = await this.infrastructure.db.query('INSERT INTO first_run (singleton) VALUES (true) ON CONFLICT DO NOTHING RETURNING singleton');
      if (rows.length === 0) throw new ApiError('authorization', 'This Switchboard is set up already: sign in to the Agent App instead');
      let organizationId: string;
      try {
        ({ organizationId } = await this.commands.createOrganization(body.organization_name, { id: body.owner_email, name: body.owner_name }));
      } catch (error) {
        await this.infrastructure.db.query('DELETE FROM first_run');
        throw error;
      }
      await this.infrastructure.db.query('UPDATE first_run SET organization_id = $1', [organizationId]);
      const owner = await this.infrastructure.readModels.agent(organizationId, body.owner_email);
      const signIn = await this.links.issue(organizationId, body.owner_email, owner?.token_generation ?? 0, body.owner_email);
      sendJson(response, 200, { organization_id: organizationId, sign_in: signIn });
    } catch (error) {
      sendError(response, error);
    }
  }

  private async setupNeeded(): Promise<boolean> {
    if (!this.settings.firstRunSetup) return false;
    const { rows } = await this.infrastructure.db.query('SELECT EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM first_run) AS done');
    return !(rows[0] as { done: boolean }).done;
  }
}
