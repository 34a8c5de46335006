import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { settingsOut, settingsUpdate } from './schema.js';
import { createSettingsService } from './service.js';

/** Administration → Settings: read by and changed by whoever `admin.settings` lets in (app_admin, system administrators). */
export function settingsRoutes(app: App, deps: Deps) {
  const service = createSettingsService(deps);
  const route = routeTable(app, { tags: ['administration'] });

  route({
    method: 'GET',
    url: '/api/admin/settings',
    access: 'admin.settings',
    summary: 'Installation settings',
    response: settingsOut,
    handler: () => service.read(),
  });

  route({
    method: 'PATCH',
    url: '/api/admin/settings',
    access: 'admin.settings',
    summary:
      'Change installation settings: the team & price-list check, time zone, work-date window, session lifetime (send the version)',
    body: settingsUpdate,
    response: settingsOut,
    handler: ({ actor, body }) => service.update(actor, body),
  });
}
