/** Batch loaders: each fetches the facts the decision core needs in one query, for any number of resources. */
export { loadItem, loadItems, type ItemFacts, type LoadOptions } from './loader/items.js';
export { loadProjectByKey, loadProjects } from './loader/projects.js';
export { loadSubjects, subjectAggregates, subjectFromRow, type SubjectRow } from './loader/subjects.js';
export { loadProjectTeams, loadTeams } from './loader/teams.js';
export { loadLeaves } from './loader/leave.js';
export { loadLocks, loadSlices, locksUnchanged, type LockQuery, type LocksRead } from './loader/timesheets.js';
