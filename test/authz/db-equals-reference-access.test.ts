// Guards "one model everywhere" on a real database, part access: on generated worlds written the way the services write
// them, who has access to every item, and the predicates it is built on with the user as a column agree with the reference model (test/authz/db-reference.ts holds the suite).
import { dbReferenceSuite } from './db-reference.js';

dbReferenceSuite('access');
