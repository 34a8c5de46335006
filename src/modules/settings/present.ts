import type { DateSettings } from '../../lib/installation.js';
import type { SettingsRow } from './repo.js';
import type { SettingsOut } from './schema.js';

/** The settings row, with the day it is in the installation's zone and the work-date window that follows (WL-6). */
export function presentSettings(row: SettingsRow, dates: DateSettings): SettingsOut {
  return {
    teamChecks: row.team_checks,
    timeZone: row.time_zone,
    earliestWorkDate: row.worklog_earliest,
    workDaysAhead: row.worklog_days_ahead,
    sessionHours: row.session_hours,
    version: row.version,
    today: dates.today,
    latestWorkDate: dates.latest,
  };
}
