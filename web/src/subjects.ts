import { api } from './api.js';
import type { PersonOption } from './components/UserSearch.js';

/** Candidates for the subjects of an item security entry (ITEM-1), searched by the server for project administrators. */

export interface NamedSubject {
  id: number;
  name: string;
}

export async function findUsers(projectKey: string, q: string): Promise<PersonOption[]> {
  return (await api.projectSubjects(projectKey, q)).users;
}

export async function findGroups(projectKey: string): Promise<NamedSubject[]> {
  return (await api.projectSubjects(projectKey)).groups;
}

export async function findRoles(projectKey: string): Promise<NamedSubject[]> {
  return (await api.projectSubjects(projectKey)).roles;
}
