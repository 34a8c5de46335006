import { query, request, seg } from '../api.js';
import type { AuditFacets, AuditFilters, AuditPage, Page, Project, UserRecord } from '../../../src/contracts.js';

/**
 * The audit log (EXPL-4): one page of rows matching the filters, newest first; what the filters offer; and the people
 * and projects its pickers name.
 */
export const auditApi = {
  search: (filters: AuditFilters, cursor: string | null) =>
    request<AuditPage>('GET', `/audit${query({ ...filters, limit: 50, cursor })}`),
  facets: () => request<AuditFacets>('GET', '/audit/facets'),
  users: async (q: string) => (await request<Page<UserRecord>>('GET', `/users${query({ q, limit: 20 })}`)).items,
  user: (id: string) => request<UserRecord>('GET', `/users/${seg(id)}`),
  projects: async (q: string) => (await request<Page<Project>>('GET', `/projects${query({ q, limit: 20 })}`)).items,
};
