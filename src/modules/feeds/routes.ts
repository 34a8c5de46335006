import { FILE, routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { feedCreate, feedCreated, feedList, feedOut, feedParams, feedTokenParams } from './schema.js';
import { createFeedService } from './service.js';

/** Calendar feeds (issue 16): my feeds and my teams', made and revoked in the Schedule area; opened by token. */
export function feedRoutes(app: App, deps: Deps) {
  const service = createFeedService(deps);
  const route = routeTable(app, { tags: ['leave'] });

  route({
    method: 'GET',
    url: '/api/me/feeds',
    access: 'feed.mine',
    summary: 'My calendar feeds, and the teams whose feed I may take (MANAGE_SCHEDULE in them, team_admin, app_admin)',
    response: feedList,
    handler: ({ actor }) => service.list(actor),
  });

  route({
    method: 'POST',
    url: '/api/me/feeds',
    access: 'feed.mine',
    summary: 'A new iCal feed of my leave, or of a team’s (teamId); the answer is the only place its address appears',
    body: feedCreate,
    response: feedCreated,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'POST',
    url: '/api/me/feeds/:id/revoke',
    access: 'feed.mine',
    summary: 'Revoke one of my calendar feeds; its address shows nothing from then on',
    params: feedParams,
    response: feedOut,
    handler: ({ actor, params }) => service.revoke(actor, params.id),
  });

  route({
    method: 'GET',
    url: '/api/feeds/:token',
    access: 'public',
    summary:
      'A calendar feed (iCal), signed out: leave as the feed’s owner may see it now — a type they may not know reads "absent" (404 when unknown or revoked)',
    params: feedTokenParams,
    response: FILE,
    handler: ({ params }) => service.open(params.token),
  });
}
