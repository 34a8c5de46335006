import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { presentSettings } from './present.js';
import { findSettings, findTimeZoneName, lockSettings, updateSettings, type SettingsChanges } from './repo.js';
import type { SettingsOut, SettingsUpdate } from './schema.js';

/**
 * The installation settings (Administration): the team check (PRICE-2), the time zone, the work-date window (WL-6) and
 * the session lifetime. Who may read and change them is the route's `admin.settings`, decided by the access hook.
 */
export function createSettingsService({ db }: Deps) {
  async function read(): Promise<SettingsOut> {
    return presentSettings(await findSettings(db), await loadDateSettings(db));
  }

  /** The fields sent, in the row's terms; a time zone as the database spells it (400 for one it does not know). */
  async function changesOf(trx: Database, input: SettingsUpdate): Promise<SettingsChanges> {
    const timeZone = input.timeZone === undefined ? undefined : await findTimeZoneName(trx, input.timeZone);
    if (input.timeZone !== undefined && !timeZone)
      throw badRequest('timeZone', `The time zone ${input.timeZone} is not known to the database; choose another.`);
    return {
      team_checks: input.teamChecks,
      time_zone: timeZone,
      worklog_earliest: input.earliestWorkDate,
      worklog_days_ahead: input.workDaysAhead,
      session_hours: input.sessionHours,
    };
  }

  /**
   * One transaction: the row locked, the version checked (API-4), the fields written, the work-date window checked
   * not to be empty in the new time zone (WL-6), and the audit row with the row before and after.
   */
  async function update(actor: Actor, input: SettingsUpdate): Promise<SettingsOut> {
    return db.transaction().execute(async (trx) => {
      const before = await lockSettings(trx);
      checkVersion('settings', before.version, input.version, 'reload them');
      const after = await updateSettings(trx, await changesOf(trx, input));
      const dates = await loadDateSettings(trx);
      if (dates.earliest > dates.latest) {
        const field = input.earliestWorkDate !== undefined ? 'earliestWorkDate' : 'workDaysAhead';
        throw badRequest(field, `The earliest work date must not be after the last one, ${dates.latest}.`);
      }
      await audit(trx, actor, 'settings.update', 'app', { before, after });
      return presentSettings(after, dates);
    });
  }

  return { read, update };
}
