import type {
  Group,
  Page,
  PasswordLink,
  UserCreate,
  UserCreated,
  UserRecord,
  UserUpdate,
} from '../../../src/contracts.js';
import { query, request, seg } from '../api.js';
import { href } from '../router.js';

/** User and group administration (ID-1, ID-2) and the signed-out use of a set-password link. */
export const usersApi = {
  list: (q: string, cursor?: string | null) =>
    request<Page<UserRecord>>('GET', `/users${query({ q, limit: 25, cursor })}`),
  create: (input: UserCreate) => request<UserCreated>('POST', '/users', { body: input }),
  /** Optimistic (API-4): a stale version answers 409 `version_conflict`. */
  update: (user: Pick<UserRecord, 'id' | 'version'>, changes: Omit<UserUpdate, 'version'>) =>
    request<UserRecord>('PATCH', `/users/${user.id}`, { body: { version: user.version, ...changes } }),
  /** A new one-time set-password link; the user's older links stop working. */
  createLink: (userId: number) => request<PasswordLink>('POST', `/users/${userId}/password-link`),
  /** Signed out: sets the password of the link's user; the link is then used up. */
  setPassword: (token: string, password: string) =>
    request<void>('POST', `/password-links/${seg(token)}`, { body: { password }, expectUnauthorized: true }),

  renameGroup: (group: Pick<Group, 'id' | 'version'>, name: string) =>
    request<Group>('PATCH', `/groups/${group.id}`, { body: { version: group.version, name } }),
  members: (groupId: number) => request<{ items: UserRecord[] }>('GET', `/groups/${groupId}/members`),
  addMember: (groupId: number, userId: number) => request<void>('PUT', `/groups/${groupId}/members/${userId}`),
  removeMember: (groupId: number, userId: number) => request<void>('DELETE', `/groups/${groupId}/members/${userId}`),
};

/** The address a set-password link's token opens, as the administrator hands it on. */
export function passwordLinkUrl(token: string): string {
  return `${window.location.origin}${window.location.pathname}${href.setPassword(token)}`;
}
