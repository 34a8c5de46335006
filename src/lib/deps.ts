import type { Authz } from '../authz/engine.js';
import type { Database } from '../db/index.js';

/** What every module's routes and services are built from, passed explicitly. */
export interface Deps {
  db: Database;
  authz: Authz;
  /** Mark cookies Secure on every response; otherwise they are Secure on requests that came over HTTPS (ID-5). */
  secureCookies: boolean;
}
