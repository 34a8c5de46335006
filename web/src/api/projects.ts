import type {
  Client,
  ClientCreate,
  ClientPage,
  ClientUpdate,
  Project,
  ProjectCreate,
  ProjectPage,
  ProjectUpdate,
} from '../../../src/contracts.js';
import { query, request, seg } from '../api.js';

/** Projects (PRJ-1): the list with its archived filter, create, edit, archive; and the clients a project may name. */

/** Which projects the list shows: active ones (the default), active and archived, or archived ones only. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

export const listProjectPage = (archived: ArchivedFilter, cursor: string | null) =>
  request<ProjectPage>(
    'GET',
    `/projects${query({ limit: 50, cursor, archived: archived === 'exclude' ? undefined : archived })}`,
  );

export const createProject = (input: ProjectCreate) => request<Project>('POST', '/projects', { body: input });

/** API-4: the version the screen read; a stale one is a 409 `version_conflict`. */
export const updateProject = (project: Pick<Project, 'key' | 'version'>, change: Omit<ProjectUpdate, 'version'>) =>
  request<Project>('PATCH', `/projects/${seg(project.key)}`, { body: { ...change, version: project.version } });

export const setProjectArchived = (project: Pick<Project, 'key' | 'version'>, archived: boolean) =>
  request<Project>('PUT', `/projects/${seg(project.key)}/archived`, {
    body: { version: project.version, archived },
  });

/** The first 200 clients by name: enough for a picker; more are found by typing (`q`); archived ones when asked. */
export const listClients = (q = '', archived = false) =>
  request<ClientPage>('GET', `/clients${query({ limit: 200, q, archived: archived ? 'true' : undefined })}`);

/** API-4: the version the screen read; a stale one is a 409 `version_conflict`. */
export const updateClient = (client: Pick<Client, 'id' | 'version'>, change: Omit<ClientUpdate, 'version'>) =>
  request<Client>('PATCH', `/clients/${client.id}`, { body: { ...change, version: client.version } });

export const createClient = (input: ClientCreate) => request<Client>('POST', '/clients', { body: input });
