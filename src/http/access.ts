import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACTIONS, type Action } from '../authz/catalogue.js';
import { decide } from '../authz/decide.js';
import type { Actor } from '../authz/engine.js';
import { enforce, QUICK } from '../authz/enforce.js';
import { AppError, unauthorized } from '../lib/errors.js';

export type Access = Action | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    undecidedAnswers: UndecidedAnswer[];
  }
}

/** A 2xx answer of a route whose declared action the engine never decided (logged, and kept for the route test). */
export interface UndecidedAnswer {
  method: string;
  url: string;
  access: Action;
  statusCode: number;
}

export interface DeclaredRoute {
  method: string;
  url: string;
  readonly access: Access | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Default deny, made structural: every route must declare the action it performs (or 'public').
 * A route without a declaration stops the server at start-up. The route-level gate checks identity
 * (layer 1), CSRF for cookie sessions, and global actions in full; resource actions are checked by
 * the service with the resource's facts.
 */
export function installAccessControl(
  app: FastifyInstance,
  resolveActor: (req: FastifyRequest) => Promise<Actor | null>,
  routes: DeclaredRoute[],
) {
  app.decorateRequest('actor', null);
  app.decorate('undecidedAnswers', [] as UndecidedAnswer[]);
  // A 2xx answer must come after the engine decided the route's declared action (default deny, checked per request).
  app.addHook('onSend', (req, reply, payload, done) => {
    const access = req.routeOptions.config?.access;
    if (
      access &&
      access !== 'public' &&
      reply.statusCode >= 200 &&
      reply.statusCode < 300 &&
      !req.actor?.decided?.has(access)
    ) {
      const answer = { method: req.method, url: req.routeOptions.url ?? req.url, access, statusCode: reply.statusCode };
      // Kept for the route test; bounded, so a long-running server cannot grow it without end.
      if (app.undecidedAnswers.length < 100) app.undecidedAnswers.push(answer);
      req.log.error(answer, 'route answered 2xx without an engine decision for its declared action');
    }
    done(null, payload);
  });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Read the declaration when asked, so hooks of inner scopes (which run after this one) can stamp it.
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        get access() {
          return route.config?.access;
        },
      });
  });
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => r.access === undefined || (r.access !== 'public' && !(r.access in ACTIONS)));
    if (missing.length)
      throw new Error(`routes without a declared access: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  });
  // onRequest: identity is settled before the body is even parsed or validated.
  app.addHook('onRequest', async (req) => {
    // The not-found handler answers the same to everyone and reveals nothing.
    if (req.is404) return;
    const access = req.routeOptions.config?.access;
    if (access === 'public') {
      req.actor = await resolveActor(req).catch(() => null);
      return;
    }
    if (!access) throw new AppError(500, 'undeclared_route', 'route without declared access');
    const actor = await resolveActor(req);
    if (!actor) throw unauthorized();
    // The engine notes the request's decisions on its actor, for the 2xx check in onSend.
    actor.decided = new Set();
    req.actor = actor;
    if (ACTIONS[access].scope === 'global') enforce(decide(access, actor.subject, {}, QUICK), undefined, actor.decided);
  });
}

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

/** The actor of a route that is not public (the preHandler guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
