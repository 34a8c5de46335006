import type { FastifyRequest } from 'fastify';
import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import { SESSION_COOKIE } from './authenticate.js';
import {
  me,
  passwordChange,
  sessionsEnded,
  setupBody,
  setupStatus,
  signedIn,
  signInBody,
  tokenCreate,
  tokenCreated,
  tokenList,
  tokenParams,
} from './schema.js';
import { createAccountService } from './service-account.js';
import { createSetupService } from './service-setup.js';
import { createAuthService } from './service.js';

export function authRoutes(app: App, deps: Deps) {
  const service = createAuthService(deps.db);
  const setup = createSetupService(deps.db, service);
  const account = createAccountService(deps.db, service);
  const route = routeTable(app, { tags: ['identity'] });
  /** ID-5: Secure whenever the request came over HTTPS — directly, or as X-Forwarded-Proto says when TRUST_PROXY is set. */
  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.secureCookies || req.protocol === 'https',
  });

  route({
    method: 'POST',
    url: '/api/session',
    access: 'public',
    summary: 'Sign in with login and password (sets an HTTP-only session cookie)',
    body: signInBody,
    response: signedIn,
    otherResponses: { 429: errorResponses[400] },
    handler: async ({ body, req, reply }) => {
      const session = await service.signIn(body.login, body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(req), maxAge: session.maxAgeSeconds });
      return session.answer;
    },
  });

  route({
    method: 'GET',
    url: '/api/setup',
    access: 'public',
    summary: 'Whether the installation still needs its first administrator (no user exists yet)',
    response: setupStatus,
    handler: () => setup.status(),
  });

  route({
    method: 'POST',
    url: '/api/setup',
    access: 'public',
    summary:
      'Create the first administrator and sign in as them; only while no user exists (409 setup_done afterwards)',
    body: setupBody,
    response: signedIn,
    status: 201,
    handler: async ({ body, req, reply }) => {
      const session = await setup.createFirstAdministrator(body);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieOptions(req), maxAge: session.maxAgeSeconds });
      return session.answer;
    },
  });

  route({
    method: 'DELETE',
    url: '/api/session',
    access: 'self.read',
    summary: 'Sign out',
    response: null,
    handler: async ({ req, reply }) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await service.signOut(cookie);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    },
  });

  route({
    method: 'GET',
    url: '/api/me',
    access: 'self.read',
    summary: 'The signed-in user, the CSRF token of the session and the app areas open to them',
    response: me,
    handler: ({ actor, req }) => service.me(actor, req.cookies[SESSION_COOKIE]),
  });

  route({
    method: 'PUT',
    url: '/api/me/password',
    access: 'self.tokens',
    summary: 'Change my password (the current one is required); my other sessions end, this one stays',
    body: passwordChange,
    response: sessionsEnded,
    otherResponses: { 429: errorResponses[400] },
    handler: ({ actor, body, req }) => account.changePassword(actor, req.cookies[SESSION_COOKIE], body, req.ip),
  });

  route({
    method: 'DELETE',
    url: '/api/me/sessions',
    access: 'self.tokens',
    summary: 'Sign out of my other sessions (all of them when called with a token); how many ended',
    response: sessionsEnded,
    handler: ({ actor, req }) => account.endOtherSessions(actor, req.cookies[SESSION_COOKIE]),
  });

  route({
    method: 'GET',
    url: '/api/me/tokens',
    access: 'self.tokens',
    summary: 'My personal API tokens',
    response: tokenList,
    handler: ({ actor }) => service.listTokens(actor),
  });

  route({
    method: 'POST',
    url: '/api/me/tokens',
    access: 'self.tokens',
    summary: 'Create a personal API token; the token is shown only in this response',
    body: tokenCreate,
    response: tokenCreated,
    status: 201,
    handler: ({ actor, body }) => service.createToken(actor, body.name),
  });

  route({
    method: 'DELETE',
    url: '/api/me/tokens/:id',
    access: 'self.tokens',
    summary: 'Revoke a personal API token',
    params: tokenParams,
    response: null,
    handler: ({ actor, params }) => service.revokeToken(actor, params.id),
  });
}
