import type { Database } from '../../src/db/index.js';
import { createAppAdmin, signedIn, type TestApp } from '../helpers/harness.js';

/** The settings row as stored, for "nothing was written" comparisons. */
export function settingsRow(db: Database) {
  return db.selectFrom('app_settings').selectAll().executeTakeFirstOrThrow();
}

/** Settings rows written so far. */
export async function settingsAudits(db: Database) {
  return db
    .selectFrom('audit_log')
    .select(['actor_id', 'entity_type', 'entity_id', 'before', 'after'])
    .where('action', '=', 'settings.update')
    .orderBy('id')
    .execute();
}

/** An app_admin's client, and a helper that changes settings from the version currently stored. */
export async function settingsAdmin(t: TestApp) {
  const user = await createAppAdmin(t.db);
  const c = await signedIn(t.app, user.login);
  const change = async (fields: Record<string, unknown>) =>
    c.patch('/api/admin/settings', { ...fields, version: (await settingsRow(t.db)).version });
  return { user, c, change };
}

/** Puts back what the suites change, so each test starts from the product's defaults (and the suite's team check). */
export async function resetSettings(db: Database, teamChecks: boolean) {
  await db
    .updateTable('app_settings')
    .set({
      team_checks: teamChecks,
      time_zone: 'UTC',
      worklog_earliest: '2000-01-01',
      worklog_days_ahead: null,
      session_hours: 336,
    })
    .execute();
}
