import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newPersonalAccessToken } from '@switchboard/auth';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { Authenticator, parsePayload, RateLimiter, readBody, sendError, sendJson } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { z } from 'zod';
import { authenticateAgent, parse } from './account-endpoints';

const createToken = z.object({ name: z.string().min(1).max(180) });
const revokeToken = z.object({ id: z.string().min(1).max(64) });

/**
 * An agent's personal access tokens (ADR 0022), for
 * `Authorization: Basic base64(agent_id:token)` on the Agent Chat and
 * Configuration APIs: created (the token is shown once), listed, revoked.
 * Each agent manages its own.
 */
@Controller('auth/personal_access_tokens')
export class PersonalAccessTokensController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly commands: ConfigurationCommands,
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
  ) {}

  /** `POST /auth/personal_access_tokens` {name} with a Bearer token → `{id, name, token, created_at}`. */
  @Post()
  async create(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await authenticateAgent(this.authenticator, this.limiter, request);
      // A leaked personal access token must not be able to mint more.
      if (auth.requester.credential !== 'bearer') throw new ApiError('authorization', 'Personal access tokens are created with a Bearer token');
      const { name } = parse(createToken, parsePayload(await readBody(request)));
      const { secret, hash } = newPersonalAccessToken();
      const token = { id: randomBytes(16).toString('hex'), name, hash, created_at: new Date().toISOString() };
      await this.commands.agent(auth.organizationId, auth.requester.id, { type: 'create_personal_access_token', id: auth.requester.id, token });
      sendJson(response, 200, { id: token.id, name, token: secret, created_at: token.created_at });
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `GET /auth/personal_access_tokens` → the caller's tokens `[{id, name, created_at}]` (never the secrets). */
  @Get()
  async list(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await authenticateAgent(this.authenticator, this.limiter, request);
      sendJson(response, 200, await this.infrastructure.readModels.personalAccessTokens(auth.organizationId, auth.requester.id));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** `POST /auth/personal_access_tokens/revoke` {id} → `{}`; the token stops working on every replica. */
  @Post('revoke')
  async revoke(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const auth = await authenticateAgent(this.authenticator, this.limiter, request);
      const { id } = parse(revokeToken, parsePayload(await readBody(request)));
      await this.commands.agent(auth.organizationId, auth.requester.id, { type: 'revoke_personal_access_token', id: auth.requester.id, token_id: id });
      sendJson(response, 200, {});
    } catch (error) {
      sendError(response, error);
    }
  }
}
