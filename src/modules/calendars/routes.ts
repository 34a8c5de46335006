import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  calendarOut,
  dayOffIn,
  dayOffOut,
  dayOffParams,
  daysOffOut,
  daysOffQuery,
  regionsOut,
  regionsQuery,
  scheduleIn,
  scheduleParams,
  userParams,
} from './schema.js';
import { createCalendarService } from './service.js';

/** Working calendars (issue 16): my working time and days off; people's working time and the company's days off. */
export function calendarRoutes(app: App, deps: Deps) {
  const service = createCalendarService(deps);
  const route = routeTable(app, { tags: ['calendars'] });

  route({
    method: 'GET',
    url: '/api/me/calendar',
    access: 'self.read',
    summary: 'My working time per weekday (effective-dated), holiday region and the days off coming up',
    response: calendarOut,
    handler: ({ actor }) => service.calendarOf(actor.userId),
  });

  route({
    method: 'GET',
    url: '/api/users/:id/calendar',
    access: 'admin.users',
    summary: 'A person’s working time, holiday region and days off coming up',
    params: userParams,
    response: calendarOut,
    handler: ({ params }) => service.calendarOf(params.id),
  });

  route({
    method: 'PUT',
    url: '/api/users/:id/schedules',
    access: 'admin.users',
    summary: 'Set a person’s working time and holiday region from a day on (a version from that day is replaced)',
    params: userParams,
    body: scheduleIn,
    response: calendarOut,
    handler: ({ actor, params, body }) => service.setSchedule(actor, params.id, body),
  });

  route({
    method: 'DELETE',
    url: '/api/users/:id/schedules/:validFrom',
    access: 'admin.users',
    summary: 'Remove the version of a person’s working time that starts on the day',
    params: scheduleParams,
    response: calendarOut,
    handler: ({ actor, params }) => service.deleteSchedule(actor, params.id, params.validFrom),
  });

  route({
    method: 'GET',
    url: '/api/admin/days-off',
    access: 'admin.settings',
    summary: 'The company’s days off in a year',
    querystring: daysOffQuery,
    response: daysOffOut,
    handler: ({ query }) => service.daysOff(query.year),
  });

  route({
    method: 'POST',
    url: '/api/admin/days-off',
    access: 'admin.settings',
    summary: 'Add a company day off: nobody’s capacity counts it',
    body: dayOffIn,
    response: dayOffOut,
    status: 201,
    handler: ({ actor, body }) => service.addDayOff(actor, body),
  });

  route({
    method: 'DELETE',
    url: '/api/admin/days-off/:day',
    access: 'admin.settings',
    summary: 'Remove a company day off',
    params: dayOffParams,
    response: dayOffOut,
    handler: ({ actor, params }) => service.deleteDayOff(actor, params.day),
  });

  route({
    method: 'GET',
    url: '/api/holiday-regions',
    access: 'self.read',
    summary: 'Countries, or a country’s regions, whose public holidays a working time may follow',
    querystring: regionsQuery,
    response: regionsOut,
    handler: ({ query }) => service.regions(query.country),
  });
}
