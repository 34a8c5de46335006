import { useEffect, type ReactNode } from 'react';
import type { AccessAnswer, Person } from '../../../src/contracts.js';
import { api } from '../api.js';
import { layerLabel } from '../labels.js';
import { useCursorList, type CursorList } from '../useCursorList.js';
import { fieldOf } from '../useFieldErrors.js';
import { PagedList } from './PagedList.js';
import { Table } from './Table.js';

/** `onError` takes a refusal of the key (a 400 naming it), for the form to show next to its field (API-5). */
type OnError = ((error: unknown) => void) | undefined;

interface Props<R extends { user: Person }> {
  list: CursorList<R, unknown>;
  caption: string;
  empty: string;
  onError: OnError;
  columns: readonly string[];
  cells: (row: R) => ReactNode;
}

/** "Who has access" (EXPL-2): one row per user, with a column per ability and why it is given or not. */
function AccessTable<R extends { user: Person }>({ list, caption, empty, onError, columns, cells }: Props<R>) {
  useEffect(() => onError?.(list.error), [list.error, onError]);
  return (
    <PagedList list={list} empty={empty} error={onError && fieldOf(list.error, ['key']) ? null : list.error}>
      {(rows) => (
        <Table className="access-table" caption={caption} showCaption columns={['User', ...columns]}>
          {rows.map((row) => (
            <tr key={row.user.id}>
              <th scope="row">
                {row.user.displayName} <span className="muted">({row.user.login})</span>
              </th>
              {cells(row)}
            </tr>
          ))}
        </Table>
      )}
    </PagedList>
  );
}

/** One yes/no answer, with the rule that gave it. */
function AccessCell({ allowed, why }: { allowed: boolean; why: ReactNode }) {
  return (
    <td className={allowed ? 'access-yes' : 'access-no'}>
      <strong>{allowed ? 'Yes' : 'No'}</strong>
      {why}
    </td>
  );
}

const answer = (a: AccessAnswer) => (
  <AccessCell allowed={a.allowed} why={<div className="why muted">{`${layerLabel(a.layer)}: ${a.why}`}</div>} />
);

export function ItemAccessTable({ itemKey, onError }: { itemKey: string; onError?: OnError }) {
  const list = useCursorList((cursor) => api.itemAccess(itemKey, cursor), [itemKey]);
  return (
    <AccessTable
      list={list}
      caption={`Users who can view ${itemKey}`}
      empty={`Nobody can view ${itemKey}.`}
      onError={onError}
      columns={['View', 'Edit', 'Log work']}
      cells={(row) => (
        <>
          {answer(row.view)}
          {answer(row.edit)}
          {answer(row.logWork)}
        </>
      )}
    />
  );
}

export function ProjectAccessTable({ projectKey, onError }: { projectKey: string; onError?: OnError }) {
  const list = useCursorList((cursor) => api.projectAccess(projectKey, cursor), [projectKey]);
  // Every row names the same permissions in the same order; the first row gives the columns.
  const permissions = list.items[0]?.permissions.map((p) => p.permission) ?? [];
  return (
    <AccessTable
      list={list}
      caption={`Users who can browse ${projectKey}`}
      empty={`Nobody can browse ${projectKey}.`}
      onError={onError}
      columns={permissions}
      cells={(row) =>
        row.permissions.map((p) => (
          <AccessCell
            key={p.permission}
            allowed={p.allowed}
            why={
              p.why.length > 0 && (
                <ul className="why muted">
                  {p.why.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )
            }
          />
        ))
      }
    />
  );
}
