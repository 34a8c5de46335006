import type {
  GrantCreate,
  GrantPreviewBody,
  Preview,
  ProjectGrant,
  RoleMember,
  RoleMemberCreate,
  RoleMemberPreviewBody,
} from '../../../src/contracts.js';
import { query, request, seg } from '../api.js';

/** A project's permission scheme (PRJ-3): grants, project-role members, their previews (EXPL-3). */

const base = (key: string) => `/projects/${seg(key)}`;
/** `confirmLockout` only when the caller has acknowledged the preview's lockout warning. */
const confirming = (confirmLockout: boolean) => query({ confirmLockout: confirmLockout ? 'true' : undefined });

export const listGrants = (key: string) => request<{ items: ProjectGrant[] }>('GET', `${base(key)}/permissions`);
export const addGrant = (key: string, grant: GrantCreate) =>
  request<{ items: ProjectGrant[] }>('POST', `${base(key)}/permissions`, { body: grant });
export const revokeGrant = (key: string, grantId: number, confirmLockout: boolean) =>
  request<void>('DELETE', `${base(key)}/permissions/${grantId}${confirming(confirmLockout)}`);
export const previewGrant = (key: string, change: GrantPreviewBody) =>
  request<Preview>('POST', `${base(key)}/permissions/preview`, { body: change });

export const listRoleMembers = (key: string) => request<{ items: RoleMember[] }>('GET', `${base(key)}/role-members`);
export const addRoleMember = (key: string, member: RoleMemberCreate) =>
  request<{ items: RoleMember[] }>('POST', `${base(key)}/role-members`, { body: member });
export const removeRoleMember = (key: string, memberId: number, confirmLockout: boolean) =>
  request<void>('DELETE', `${base(key)}/role-members/${memberId}${confirming(confirmLockout)}`);
export const previewRoleMember = (key: string, change: RoleMemberPreviewBody) =>
  request<Preview>('POST', `${base(key)}/role-members/preview`, { body: change });
