import type { DayOff, ScheduleIn, WorkCalendar } from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** Working calendars (issue 16): working time per weekday from a day on, holiday regions, company days off. */

export const getMyCalendar = () => request<WorkCalendar>('GET', '/me/calendar');
export const getCalendar = (userId: number) => request<WorkCalendar>('GET', `/users/${userId}/calendar`);
export const setSchedule = (userId: number, input: ScheduleIn) =>
  request<WorkCalendar>('PUT', `/users/${userId}/schedules`, { body: input });
export const deleteSchedule = (userId: number, validFrom: string) =>
  request<WorkCalendar>('DELETE', `/users/${userId}/schedules/${validFrom}`);

export const listDaysOff = (year: number) => request<{ items: DayOff[] }>('GET', `/admin/days-off${query({ year })}`);
export const addDayOff = (input: DayOff) => request<DayOff>('POST', '/admin/days-off', { body: input });
export const removeDayOff = (day: string) => request<DayOff>('DELETE', `/admin/days-off/${day}`);

export const listRegions = (country?: string) =>
  request<{ items: Array<{ code: string; name: string }> }>('GET', `/holiday-regions${query({ country })}`);

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
