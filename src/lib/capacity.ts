import { daysOf, type Period } from './periods.js';

/**
 * Working time a person has, until per-user calendars come (issue 16): eight hours on each weekday, none at weekends.
 * The timesheet grid, the Dashboard's week and the workload report read it from here, so the rule changes in one place.
 */
const DAY_CAPACITY_SECONDS = 8 * 3600;

/** Whether a calendar day ('YYYY-MM-DD') is a working day: Monday to Friday. */
const isWorkingDay = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** The working time, in seconds, of one day. */
export const capacityOf = (day: string) => (isWorkingDay(day) ? DAY_CAPACITY_SECONDS : 0);

/** The working time, in seconds, of the days of a period. */
export function capacitySeconds(period: Period): number {
  return daysOf(period).reduce((sum, day) => sum + capacityOf(day), 0);
}
