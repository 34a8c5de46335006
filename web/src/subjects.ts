import type { Named, Person } from '../../src/contracts.js';
import { api } from './api.js';

/** Candidates for the subjects of an item security entry (ITEM-1), searched by the server for project administrators. */

export async function findUsers(projectKey: string, q: string): Promise<Person[]> {
  return (await api.projectSubjects(projectKey, q)).users;
}

export async function findGroups(projectKey: string): Promise<Named[]> {
  return (await api.projectSubjects(projectKey)).groups;
}

export async function findRoles(projectKey: string): Promise<Named[]> {
  return (await api.projectSubjects(projectKey)).roles;
}
