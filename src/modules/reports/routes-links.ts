import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  linkCreate,
  linkCreated,
  linkIdParams,
  linkList,
  linkOut,
  linkTokenParams,
  sharedReportOut,
} from './schema-links.js';
import { createReportLinkService } from './service-links.js';

/** Shared report links (REP-6): made and revoked in the Reports area, opened by anyone who holds one. */
export function reportLinkRoutes(app: App, deps: Deps) {
  const service = createReportLinkService(deps);
  const route = routeTable(app, { tags: ['reports'] });

  route({
    method: 'POST',
    url: '/api/reports/links',
    access: 'report.share',
    summary: 'Share a report as a link that expires within 90 days; the answer is the only place its token appears',
    body: linkCreate,
    response: linkCreated,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/reports/links',
    access: 'report.share',
    summary: 'The caller’s shared report links, newest first, with how often each was opened',
    response: linkList,
    handler: ({ actor }) => service.list(actor),
  });

  route({
    method: 'POST',
    url: '/api/reports/links/:id/revoke',
    access: 'report.share',
    summary: 'Revoke one of the caller’s shared report links; it shows nothing from then on',
    params: linkIdParams,
    response: linkOut,
    handler: ({ actor, params }) => service.revoke(actor, params.id),
  });

  route({
    method: 'GET',
    url: '/api/shared/reports/:token',
    access: 'public',
    summary:
      'A shared report, signed out: the summary as its creator may see it now (404 when unknown, expired or revoked); every open is audited',
    params: linkTokenParams,
    response: sharedReportOut,
    handler: ({ params }) => service.open(params.token),
  });
}
