import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { timerOut, timerStart, timerStopped } from './schema.js';
import { createTimerService } from './service.js';

/** The running timer: one per user; stopping it writes a work log. */
export function timerRoutes(app: App, deps: Deps) {
  const service = createTimerService(deps);
  const route = routeTable(app, { tags: ['timer'] });

  route({
    method: 'GET',
    url: '/api/timer',
    access: 'timer.use',
    summary: 'My running timer, if any',
    response: timerOut,
    handler: ({ actor }) => service.current(actor),
  });

  route({
    method: 'POST',
    url: '/api/timer',
    access: 'timer.use',
    summary: 'Start my timer on a work item (one at a time)',
    body: timerStart,
    response: timerOut,
    status: 201,
    handler: ({ actor, body }) => service.start(actor, body),
  });

  route({
    method: 'POST',
    url: '/api/timer/stop',
    access: 'timer.use',
    summary: 'Stop my timer and log its time as a work log dated today',
    response: timerStopped,
    handler: ({ actor }) => service.stop(actor),
  });

  route({
    method: 'DELETE',
    url: '/api/timer',
    access: 'timer.use',
    summary: 'Discard my running timer without logging its time',
    response: null,
    handler: ({ actor }) => service.discard(actor),
  });
}
