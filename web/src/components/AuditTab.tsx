import { auditApi } from '../api/audit.js';
import { navigate, useHash } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { useResource } from '../useResource.js';
import { AuditEntry } from './audit/AuditEntry.js';
import { AuditFiltersForm } from './audit/AuditFiltersForm.js';
import { auditHref, FILTER_FIELDS, filtersOf, isFiltered, NO_FILTERS, searchFilters } from './audit/filters.js';
import { ErrorMessage } from './ErrorMessage.js';
import { PagedList } from './PagedList.js';
import './audit/AuditTab.css';

/**
 * Administration → Audit log (EXPL-4): who changed what and when, newest first, filtered by the address's query so a
 * reload or a shared link keeps the filters. The server pages in SQL and leaves out what the reader may not see, and
 * money for readers without a money role (PRICE-7); this screen shows what it gets.
 */
export function AuditTab() {
  const filters = filtersOf(useHash());
  const filterKey = JSON.stringify(filters);
  const facets = useResource(() => auditApi.facets(), []);
  const list = useCursorList((cursor) => auditApi.search(searchFilters(filters), cursor), [filterKey]);
  const errors = useFieldErrors(list.error, FILTER_FIELDS);

  const actionLabels = new Map(facets.data?.actions.map((a) => [a.action, a.label]));
  const typeLabels = new Map(facets.data?.entityTypes.map((t) => [t.entityType, t.label]));
  return (
    <>
      <h2>Audit log</h2>
      <ErrorMessage error={facets.error} />
      {facets.data && (
        <AuditFiltersForm
          key={filterKey}
          facets={facets.data}
          filters={filters}
          errors={errors}
          // The empty list offers its own "Clear filters".
          canClear={isFiltered(filters) && (list.items.length > 0 || !!list.error)}
        />
      )}
      <PagedList
        list={list}
        error={errors.rest}
        empty={
          isFiltered(filters) ? (
            <span className="audit-empty">
              No audit rows match these filters.{' '}
              <button type="button" className="button secondary" onClick={() => navigate(auditHref(NO_FILTERS))}>
                Clear filters
              </button>
            </span>
          ) : (
            'No changes you may see have been recorded yet. Changes to people, projects, items, teams and settings appear here.'
          )
        }
      >
        {(rows) => (
          <ol className="audit-list" aria-label="Audit rows, newest first">
            {rows.map((row) => (
              <AuditEntry
                key={row.id}
                row={row}
                actionLabel={actionLabels.get(row.action) ?? row.action}
                entityTypeLabel={typeLabels.get(row.entityType) ?? row.entityType}
                teamsArea={facets.data?.reader.teamsArea ?? false}
              />
            ))}
          </ol>
        )}
      </PagedList>
    </>
  );
}
