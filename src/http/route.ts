import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../authz/engine.js';
import { errorResponses } from '../lib/schemas.js';
import { actorOf, type Access } from './access.js';
import type { App } from './types.js';

type Input = z.ZodType | undefined;
type Parsed<S extends Input> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the validated request parts and the caller (read only by routes that are not public). */
export interface RouteContext<P extends Input, Q extends Input, B extends Input> {
  readonly actor: Actor;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** A file to download (an export, REP-4): streamed as it is written, never held whole. */
export interface FileAnswer {
  filename: string;
  contentType: string;
  stream: Readable;
}
/** The `response` of a route that answers with a file. */
export const FILE = 'file';
type Response = z.ZodType | null | typeof FILE;
type Answer<R extends Response> = R extends z.ZodType ? z.output<R> : R extends typeof FILE ? FileAnswer : void;

/**
 * One route as data: the action it performs (default deny: installAccessControl refuses a route without one), its
 * OpenAPI summary, the zod schemas of what it takes, and what it answers — `response` with `status` (200 unless said),
 * no content (204) when `response` is null, or a file (`FILE`). Every answer may also be one of the problem documents (errorResponses).
 */
export interface RouteSpec<P extends Input, Q extends Input, B extends Input, R extends Response> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  /** The OpenAPI tags, when not those of the module's routes. */
  tags?: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  /** Answers beyond the problem documents every route may give (a rate limit's 429). */
  otherResponses?: Record<number, z.ZodType>;
  handler: (context: RouteContext<P, Q, B>) => Promise<Answer<R>>;
}

/**
 * The route table of a module: `route({ … })` registers one route, with the module's OpenAPI tags. The schema it gives
 * Fastify is the one the modules wrote out by hand before (docs/openapi.json is unchanged by it).
 */
export function routeTable(app: App, defaults: { tags: string[] }) {
  return function route<
    P extends Input = undefined,
    Q extends Input = undefined,
    B extends Input = undefined,
    R extends Response = null,
  >(spec: RouteSpec<P, Q, B, R>): void {
    const status = spec.response === null ? 204 : (spec.status ?? 200);
    const options: RouteOptions = {
      method: spec.method,
      url: spec.url,
      config: { access: spec.access },
      schema: {
        tags: spec.tags ?? defaults.tags,
        summary: spec.summary,
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.querystring ? { querystring: spec.querystring } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        response: { [status]: responseSchema(spec.response), ...errorResponses, ...spec.otherResponses },
      },
      handler: async (req, reply) => {
        const answer = await spec.handler({
          get actor() {
            return actorOf(req);
          },
          params: req.params as Parsed<P>,
          query: req.query as Parsed<Q>,
          body: req.body as Parsed<B>,
          req,
          reply,
        });
        if (spec.response === FILE) {
          const file = answer as FileAnswer;
          return reply
            .code(status)
            .header('content-type', file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .send(file.stream);
        }
        return reply.code(status).send(status === 204 ? null : answer);
      },
    };
    app.route(options as Parameters<App['route']>[0]);
  };
}

/** A file's bytes are not JSON: documented as a binary string, and sent unserialised (Fastify streams a stream as is). */
function responseSchema(response: Response): z.ZodType {
  if (response === FILE) return z.string().meta({ description: 'The file (CSV or XLSX), streamed', format: 'binary' });
  return response ?? z.null();
}
