// Guards "one model everywhere" on a real database, part lists: on generated worlds written the way the services write
// them, the governing column, SQL lists (full and keyset-paged), batch loaders + decide and explain agree with the reference model (test/authz/db-reference.ts holds the suite).
import { dbReferenceSuite } from './db-reference.js';

dbReferenceSuite('lists');
