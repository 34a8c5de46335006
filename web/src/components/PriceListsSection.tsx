import { useState } from 'react';
import { api } from '../api.js';
import { formatValidity } from '../dates.js';
import { formatRate } from '../money.js';
import type { PriceList } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { PriceListDialog } from './PriceListDialog.js';
import { RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';

interface Props {
  teamId: number;
  teamName: string;
  /** The team's `canManagePriceLists` ability. */
  canCreate: boolean;
}

type Editing = { list?: PriceList } | null;

/**
 * A team's price lists by validity. The rate column exists only when the API sent rates (PRICE-7); each
 * list's Edit follows its own abilities.
 */
export function PriceListsSection({ teamId, teamName, canCreate }: Props) {
  const lists = useResource(() => api.listPriceLists(teamId), [teamId]);
  const [editing, setEditing] = useState<Editing>(null);
  const items = lists.data?.items ?? [];
  const showsRates = items.some((l) => l.hourlyRate !== undefined);

  return (
    <div className="price-lists">
      <ErrorMessage error={lists.error} />
      {lists.data &&
        (items.length === 0 ? (
          <p className="muted">No price lists.</p>
        ) : (
          <Table
            className="compact"
            caption={`Price lists of ${teamName}`}
            columns={['Price list', 'Valid', showsRates && 'Rate', ACTIONS]}
          >
            {items.map((list) => (
              <tr key={list.id}>
                <td>
                  {list.name}
                  {list.used && <span className="muted"> (in use)</span>}
                </td>
                <td className="nowrap">{formatValidity(list.validFrom, list.validTo)}</td>
                {showsRates && (
                  <td className="nowrap">
                    {list.hourlyRate !== undefined && formatRate(list.hourlyRate, list.currency)}
                  </td>
                )}
                <td>
                  {list.abilities.canEdit && (
                    <RowButton name={`Edit price list ${list.name}`} onClick={() => setEditing({ list })}>
                      Edit
                    </RowButton>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ))}
      {canCreate && (
        <button
          type="button"
          className="button small secondary"
          aria-label={`Create price list for ${teamName}`}
          onClick={() => setEditing({})}
        >
          Create price list
        </button>
      )}
      {editing && (
        <PriceListDialog
          teamId={teamId}
          teamName={teamName}
          list={editing.list}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            lists.reload();
          }}
        />
      )}
    </div>
  );
}
