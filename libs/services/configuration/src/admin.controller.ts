import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, hasScope } from '@switchboard/auth';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { CLIENT_ID_PATTERN } from '@switchboard/configuration/domain';
import { Authenticated, Authenticator, parsePayload, RateLimiter, readBody, sendError, sendJson } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';
import { Infrastructure, INFRASTRUCTURE, readOutbox } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { z } from 'zod';
import { authenticateAgent, email, parse } from './account-endpoints';
import { accountTarget } from './agent-authority';

// Longer than TOKEN_MAX_TTL_SECONDS is capped to it, not refused.
const ttl = z.number().int().min(60).max(2_147_483_647).optional();
const createOrganization = z.object({ name: z.string().min(1).max(180), owner_id: email, owner_name: z.string().min(1).max(180).optional() });
const clientId = z.string().regex(CLIENT_ID_PATTERN, 'must be a client id (32 hex digits)');
const createToken = z.object({ organization_id: z.string().min(1), agent_id: email, expires_in: ttl, client_id: clientId.optional() });
const agentToken = z.object({ agent_id: email, expires_in: ttl, client_id: clientId.optional() });
const applicationName = z.string().min(1).max(180);
const createApplication = z.object({ organization_id: z.string().min(1).max(64), name: applicationName });
const revokeTokens = z.object({ agent_id: email.optional() });

/**
 * Operator and owner endpoints outside the LiveChat API: creating
 * organizations and issuing agent access tokens (LiveChat does these in its
 * Accounts service).
 */
@Controller()
export class AdminController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly commands: ConfigurationCommands,
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
  ) {}

  /** Operator endpoints are guessed at without a valid token: the address's strict budget first. */
  private requireAdmin(request: IncomingMessage): void {
    this.limiter.admitWithoutToken(request);
    this.checkAdminToken(request);
  }

  private authenticateAgent(request: IncomingMessage): Promise<Authenticated> {
    return authenticateAgent(this.authenticator, this.limiter, request);
  }

  private checkAdminToken(request: IncomingMessage): void {
    const given = Buffer.from(bearerToken(request.headers.authorization) ?? '');
    const expected = Buffer.from(this.infrastructure.secrets.adminToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError('authentication', 'Invalid admin token');
    }
  }

  /** `POST /admin/organizations` {name, owner_id, owner_name?} → the organization and its owner's token. */
  @Post('admin/organizations')
  async createOrganization(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.requireAdmin(request);
      const body = parse(createOrganization, parsePayload(await readBody(request)));
      const { organizationId } = await this.commands.createOrganization(body.name, { id: body.owner_id, name: body.owner_name });
      sendJson(response, 200, { organization_id: organizationId, owner: await this.commands.agentToken(organizationId, body.owner_id) });
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `POST /admin/tokens` {organization_id, agent_id, expires_in?} → an access token for that agent. */
  @Post('admin/tokens')
  async createToken(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.requireAdmin(request);
      const body = parse(createToken, parsePayload(await readBody(request)));
      sendJson(response, 200, await this.commands.agentToken(body.organization_id, body.agent_id, body.expires_in, body.client_id));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `POST /admin/applications` {organization_id, name} → the new application's `client_id` (operator). */
  @Post('admin/applications')
  async createApplication(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.requireAdmin(request);
      const body = parse(createApplication, parsePayload(await readBody(request)));
      if (!(await this.readModels().organization(body.organization_id))) throw new ApiError('not_found', 'Organization not found');
      sendJson(response, 200, await this.commands.createApplication(body.organization_id, body.name));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `POST /auth/applications` {name} with the owner's token → a new application of the owner's organization. */
  @Post('auth/applications')
  async registerApplication(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await this.authenticateAgent(request);
      if (!hasScope(auth.requester.scopes, 'subscription.lc:rw')) throw new ApiError('authorization', 'Only the owner can register applications');
      const body = parse(z.object({ name: applicationName }), parsePayload(await readBody(request)));
      sendJson(response, 200, await this.commands.createApplication(auth.organizationId, body.name));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `GET /auth/applications` with an agent's token → the organization's applications, the default one first. */
  @Get('auth/applications')
  async listApplications(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await this.authenticateAgent(request);
      sendJson(response, 200, await this.readModels().applications(auth.organizationId));
    } catch (error) {
      sendError(response, error);
    }
  }

  /**
   * `POST /auth/agent_token` {agent_id, expires_in?} with an agent's Bearer
   * token: its own token (to renew it), or — for owners and administrators —
   * one for an agent of a lower role. Only the owner gets owner tokens.
   */
  @Post('auth/agent_token')
  async agentToken(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await this.authenticateAgent(request);
      const body = parse(agentToken, parsePayload(await readBody(request)));
      await accountTarget(this.readModels(), auth.requester, auth.organizationId, body.agent_id, 'issue tokens for');
      sendJson(response, 200, await this.commands.agentToken(auth.organizationId, body.agent_id, body.expires_in, body.client_id ?? auth.requester.clientId));
    } catch (error) {
      sendError(response, error);
    }
  }

  /**
   * `POST /auth/revoke` {agent_id?}: every access token of the agent (default:
   * the caller) stops working on every replica, and its RTM connections are
   * closed with `access_token_revoked`. An agent revokes its own; owners and
   * administrators those of lower roles.
   */
  @Post('auth/revoke')
  async revoke(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await this.authenticateAgent(request);
      const agentId = parse(revokeTokens, parsePayload(await readBody(request))).agent_id ?? auth.requester.id;
      await accountTarget(this.readModels(), auth.requester, auth.organizationId, agentId, 'revoke the tokens of');
      await this.commands.agent(auth.organizationId, agentId, { type: 'revoke_tokens', id: agentId, reason: 'revoked' });
      sendJson(response, 200, {});
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `GET /admin/outbox?limit=N` → the newest e-mail kept while no SMTP server is configured (operator only). */
  @Get('admin/outbox')
  async outbox(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      this.requireAdmin(request);
      const limit = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError('validation', 'limit: must be an integer from 1 to 1000');
      sendJson(response, 200, { mailer: this.infrastructure.mailer.kind, messages: await readOutbox(this.infrastructure.db, limit) });
    } catch (error) {
      sendError(response, error);
    }
  }

  private readModels(): ReadModels {
    return this.infrastructure.readModels;
  }
}
