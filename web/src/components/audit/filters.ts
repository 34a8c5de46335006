import type { AuditFilters } from '../../../../src/contracts.js';
import { hashQuery, href, withQuery } from '../../router.js';

/** The filters the audit log reads from its address, by the API's own names, so a reload or a shared link keeps them. */
export const FILTER_FIELDS = ['actorId', 'action', 'entityType', 'entityId', 'projectKey', 'from', 'to'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The filters as the form holds them: text, '' for "any". */
export type FilterValues = Record<FilterField, string>;

export const NO_FILTERS: FilterValues = {
  actorId: '',
  action: '',
  entityType: '',
  entityId: '',
  projectKey: '',
  from: '',
  to: '',
};

/** The filters of an address (`#/admin/audit?action=item.update`); unknown parameters are ignored. */
export function filtersOf(hash: string): FilterValues {
  const params = hashQuery(hash);
  return Object.fromEntries(FILTER_FIELDS.map((field) => [field, params.get(field)?.trim() ?? ''])) as FilterValues;
}

/** The address of the audit log with these filters. */
export function auditHref(values: FilterValues): string {
  return withQuery(href.admin('audit'), values);
}

export const isFiltered = (values: FilterValues) => FILTER_FIELDS.some((field) => values[field] !== '');

/**
 * The filters as the API takes them. The server checks them: a value it refuses comes back as a 400 naming the
 * field, which the form shows next to it (API-5).
 */
export function searchFilters(values: FilterValues): AuditFilters {
  const filters: Record<string, string> = {};
  for (const field of FILTER_FIELDS) if (values[field] !== '') filters[field] = values[field];
  return filters as AuditFilters;
}
