import type { InstallationSettings, SettingsChange } from '../../../../src/contracts.js';
import { ApiError } from '../../api.js';
import type { FieldErrors } from '../../useFieldErrors.js';

/** The settings form's inputs as typed: numbers stay text until saved, a session lifetime is an amount and a unit. */
export interface SettingsValues {
  teamChecks: boolean;
  timeZone: string;
  earliestWorkDate: string;
  /** Empty: one year ahead. */
  workDaysAhead: string;
  sessionAmount: string;
  sessionUnit: 'hours' | 'days';
}
export type SetValues = (change: Partial<SettingsValues>) => void;

/** What each section of the form gets: the saved settings, the form's values and their setter, the field errors. */
export interface SectionProps {
  settings: InstallationSettings;
  values: SettingsValues;
  set: SetValues;
  errors: FieldErrors;
}

/** The API's field of each form field that maps to one. */
export const SETTING_FIELDS = ['teamChecks', 'timeZone', 'earliestWorkDate', 'workDaysAhead', 'sessionHours'] as const;

/** The session lifetime the server allows, in hours (1 hour to 90 days). */
const SESSION_HOURS = { min: 1, max: 2160 };

export function valuesOf(settings: InstallationSettings): SettingsValues {
  const inDays = settings.sessionHours % 24 === 0;
  return {
    teamChecks: settings.teamChecks,
    timeZone: settings.timeZone,
    earliestWorkDate: settings.earliestWorkDate,
    workDaysAhead: settings.workDaysAhead === null ? '' : String(settings.workDaysAhead),
    sessionAmount: String(inDays ? settings.sessionHours / 24 : settings.sessionHours),
    sessionUnit: inDays ? 'days' : 'hours',
  };
}

/** A refusal before sending, shown at the field like the server's own (API-5). */
const refuse = (field: string, message: string) => new ApiError(400, 'invalid_input', message, field);

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/** The change to send; what cannot be a number is refused here, the rest is the server's to judge. */
export function changeOf(values: SettingsValues): SettingsChange {
  const daysAhead = values.workDaysAhead.trim() === '' ? null : wholeNumber(values.workDaysAhead);
  if (Number.isNaN(daysAhead))
    throw refuse('workDaysAhead', 'Days ahead must be a whole number of days, or empty for one year.');
  const amount = wholeNumber(values.sessionAmount);
  const sessionHours = values.sessionUnit === 'days' ? amount * 24 : amount;
  if (!(sessionHours >= SESSION_HOURS.min && sessionHours <= SESSION_HOURS.max))
    throw refuse('sessionHours', 'Session lifetime must be a whole number between 1 hour and 90 days.');
  return {
    teamChecks: values.teamChecks,
    timeZone: values.timeZone,
    earliestWorkDate: values.earliestWorkDate,
    workDaysAhead: daysAhead,
    sessionHours,
  };
}
