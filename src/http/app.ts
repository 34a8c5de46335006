import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError } from 'fastify';
import helmet from 'helmet';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAuthz } from '../authz/engine.js';
import type { Database } from '../db/index.js';
import { accessRoutes } from '../modules/access/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { explainRoutes } from '../modules/explain/routes.js';
import { createAuthenticator } from '../modules/auth/authenticate.js';
import { authRoutes } from '../modules/auth/routes.js';
import { itemRoutes, treeRoutes } from '../modules/items/routes.js';
import { priceListRoutes } from '../modules/pricelists/routes.js';
import { calendarRoutes } from '../modules/calendars/routes.js';
import { clientRoutes } from '../modules/clients/routes.js';
import { feedRoutes } from '../modules/feeds/routes.js';
import { leaveRoutes } from '../modules/leave/routes.js';
import { planningRoutes } from '../modules/planning/routes.js';
import { costRoutes } from '../modules/cost/routes.js';
import { projectRoutes } from '../modules/projects/routes.js';
import { securityRoutes } from '../modules/security/routes.js';
import { settingsRoutes } from '../modules/settings/routes.js';
import { teamRoutes } from '../modules/teams/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import { worklogRoutes } from '../modules/worklogs/routes.js';
import { approvalRoutes } from '../modules/approvals/routes.js';
import { chargeRoutes } from '../modules/charges/routes.js';
import { dashboardRoutes } from '../modules/dashboard/routes.js';
import { reportLinkRoutes } from '../modules/reports/routes-links.js';
import { reportRoutes } from '../modules/reports/routes.js';
import { periodRoutes } from '../modules/periods/routes.js';
import { timerRoutes } from '../modules/timers/routes.js';
import { timesheetRoutes } from '../modules/timesheets/routes.js';
import { installAccessControl, type DeclaredRoute } from './access.js';
import { AppError, badRequest, problem } from '../lib/errors.js';
import { plainMessage } from './messages.js';
import type { App } from './types.js';
import type { Deps } from '../lib/deps.js';

export interface AppOptions {
  db: Database;
  /** Directory of the built web UI; served at / when present. */
  webDir?: string;
  logger?: boolean;
  /** Mark the session cookie Secure on every response; without it, only on requests that came over HTTPS (ID-5). */
  secureCookies?: boolean;
  /**
   * Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in rate limits use it) and the
   * protocol from X-Forwarded-Proto (the session cookie is Secure when it says https).
   */
  trustProxy?: boolean;
}

export async function buildApp(options: AppOptions): Promise<{ app: App; routes: DeclaredRoute[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    trustProxy: options.trustProxy ?? false,
    // Errors Fastify raises before routing (bad URL encoding, over-long parameters) are problems too.
    frameworkErrors: (error, _req, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as unknown as import('fastify').FastifyReply)
        .code(status)
        .type('application/problem+json')
        .send(problem(status, 'bad_request', error.message.replace(/^FST_\w+: /, ''), 'url'));
    },
  }).withTypeProvider() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', async (req) => {
    // PostgreSQL text cannot hold NUL; refuse it up front, naming the field, instead of failing in SQL.
    for (const [where, value] of [
      ['', req.body],
      ['query.', req.query],
      ['params.', req.params],
    ] as const) {
      const path = findNul(value);
      if (path !== undefined)
        throw badRequest(`${where}${path}`.replace(/\.$/, '') || 'body', 'must not contain NUL characters');
    }
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || !options.webDir || !existsSync(resolve(options.webDir, 'index.html'))) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send(problem(404, 'route_not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    // The UI's own routes (deep links, reloads): its index.html. @fastify/static decorates only the documentation
    // scope's replies, so the file is streamed here.
    return reply.type('text/html; charset=utf-8').send(createReadStream(resolve(options.webDir, 'index.html')));
  });

  const deps: Deps = { db: options.db, authz: createAuthz(options.db), secureCookies: options.secureCookies ?? false };
  const authenticator = createAuthenticator(options.db);
  const routes: DeclaredRoute[] = [];
  // First, so every answer — refusals of the access hook and the UI's index.html included — carries the headers.
  // helmet's middleware is built once (@fastify/helmet rebuilt it on every request: ≈ 2% of a work-log creation's CPU).
  const securityHeaders = helmet(SECURITY_HEADERS);
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  // Cookies are parsed before the access hook runs (hooks run in the order they are added).
  await app.register(cookie);
  installAccessControl(app, async (req) => (await authenticator.resolve(req))?.actor ?? null, routes);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Timeward API',
        version: '0.1.0',
        description: 'Time tracking with one permission model enforced everywhere.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tw_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (the problem document, …) appear once under components and are referenced.
    transformObject: jsonSchemaTransformObject,
  });
  // Documentation routes are public by declaration, stamped in their own scope.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    // Swagger UI gets its own policy on its routes only (ID-5): its scripts as @fastify/swagger-ui hashes them, and inline
    // styles, which its bundle injects at run time; framed by nobody, and no validator badge fetched from swagger.io.
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiConfig: { validatorUrl: null },
      transformStaticCSP: (header) =>
        header
          .replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
          .replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'")
          .replace(' validator.swagger.io', '')
          .replace(/\s*upgrade-insecure-requests;?/, ''),
    });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => docs.swagger());
    if (options.webDir && existsSync(options.webDir)) {
      await docs.register(fastifyStatic, { root: resolve(options.webDir), wildcard: false });
    }
  });

  authRoutes(app, deps);
  userRoutes(app, deps);
  projectRoutes(app, deps);
  clientRoutes(app, deps);
  leaveRoutes(app, deps);
  planningRoutes(app, deps);
  costRoutes(app, deps);
  feedRoutes(app, deps);
  calendarRoutes(app, deps);
  itemRoutes(app, deps);
  treeRoutes(app, deps);
  worklogRoutes(app, deps);
  securityRoutes(app, deps);
  auditRoutes(app, deps);
  accessRoutes(app, deps);
  explainRoutes(app, deps);
  teamRoutes(app, deps);
  priceListRoutes(app, deps);
  settingsRoutes(app, deps);
  timesheetRoutes(app, deps);
  timerRoutes(app, deps);
  approvalRoutes(app, deps);
  periodRoutes(app, deps);
  chargeRoutes(app, deps);
  reportRoutes(app, deps);
  reportLinkRoutes(app, deps);
  dashboardRoutes(app, deps);
  return { app, routes };
}

/**
 * ID-5: the built UI is one script and one stylesheet from its own origin, so the policy allows nothing else — no
 * inline script or style, no other origin, no framing. `upgrade-insecure-requests` is left out: an installation
 * served over plain HTTP on a LAN would otherwise break. HSTS holds for the host only (browsers ignore it over HTTP).
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
};

const PG_CONFLICTS: Record<string, [number, string, string]> = {
  '23505': [409, 'already_exists', 'a record with the same unique value exists'],
  '23503': [409, 'reference_conflict', 'the change refers to a record that does not exist or is still in use'],
  '40001': [409, 'concurrent_change', 'a concurrent change interfered; try again'],
  '40P01': [409, 'concurrent_change', 'a concurrent change interfered; try again'],
};

/** Every failure becomes application/problem+json with a stable code; nothing leaks a stack or SQL. */
function errorHandler(
  this: App,
  error: FastifyError & { code?: string; validationContext?: string },
  req: { log: App['log'] },
  reply: import('fastify').FastifyReply,
) {
  const send = (status: number, code: string, detail: string, field?: string, extra?: Record<string, unknown>) =>
    reply
      .code(status)
      .type('application/problem+json')
      .send(problem(status, code, detail, field, extra));

  if (error instanceof AppError) return send(error.status, error.code, error.message, error.field, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
    // An unknown key is named by its full path (settings.extra); a body of the wrong shape names `body` (API-5).
    const keys = (first.params as { keys?: string[] } | undefined)?.keys;
    const where = [path, keys?.[0]].filter(Boolean).join('.');
    const context = error.validationContext === 'querystring' ? 'query' : error.validationContext;
    const field = context === 'body' ? where || 'body' : [context, where].filter(Boolean).join('.');
    return send(
      400,
      'invalid_input',
      plainMessage(field || 'request', { code: first.keyword, message: first.message ?? '', params: first.params }),
      field || undefined,
    );
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return send(400, 'invalid_json', error.message.replace(/^FST_\w+: /, ''), 'body');
  }
  const pgCode = typeof error.code === 'string' ? error.code : '';
  if (PG_CONFLICTS[pgCode]) return send(...PG_CONFLICTS[pgCode]);
  if (/^22/.test(pgCode)) return send(400, 'invalid_input', 'a value is out of range or malformed');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupported_media_type'
        : error.statusCode === 413
          ? 'payload_too_large'
          : 'bad_request';
    return send(error.statusCode, code, error.message.replace(/^FST_\w+: /, ''));
  }
  req.log.error({ err: error }, 'unhandled error');
  return send(500, 'internal_error', 'the server failed; the error was logged');
}

/** The path of the first string holding a NUL character, if any (iterative: bodies may nest deeply). */
function findNul(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return at;
        stack.push([inner, at]);
      }
    }
  }
  return undefined;
}
