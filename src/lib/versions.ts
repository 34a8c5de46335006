import { conflict } from './errors.js';

/**
 * API-4: a change needs the version of the record the caller read; 409 `version_conflict`, with the current version,
 * when another change came first. Checked after the record is locked, so no change can slip in between.
 */
export function checkVersion(what: string, current: number, sent: number, retry = 'reload it'): void {
  if (current !== sent)
    throw conflict('version_conflict', `the ${what} changed since version ${sent}; ${retry}`, {
      currentVersion: current,
    });
}
