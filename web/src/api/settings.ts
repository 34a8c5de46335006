import type { InstallationSettings, SettingsChange } from '../../../src/contracts.js';
import { request } from '../api.js';

/** Administration → Settings: the team check (PRICE-2), time zone, work-date window (WL-6) and session lifetime. */

export const getSettings = () => request<InstallationSettings>('GET', '/admin/settings');
/** API-4: the version the screen read; a stale one is a 409 `version_conflict`. */
export const updateSettings = (version: number, change: SettingsChange) =>
  request<InstallationSettings>('PATCH', '/admin/settings', { body: { ...change, version } });
