import { abilityLabel, targetLabel } from '../labels.js';
import type { AccessChange, Preview } from '../../../src/contracts.js';
import { Table } from './Table.js';

/** What a user gains and loses; for denied surfaces a new denial is the loss and a lifted one the gain. */
function gainsAndLosses(change: AccessChange): { gains: string[]; loses: string[] } {
  const added = change.after.filter((a) => !change.before.includes(a));
  const removed = change.before.filter((b) => !change.after.includes(b));
  if (change.target === 'denied') {
    return { gains: removed.map((d) => `${d} (no longer denied)`), loses: added.map((d) => `${d} (denied)`) };
  }
  return { gains: added.map(abilityLabel), loses: removed.map(abilityLabel) };
}

/** Whose access a change would change, and how (EXPL-3): what each user gains and loses. */
export function ChangePreview({ preview, title = 'Preview of changes' }: { preview: Preview; title?: string }) {
  return (
    <section className="preview" aria-label={title}>
      <h3>{title}</h3>
      {preview.warnings?.map((warning) => (
        <p key={warning.code} className="warning">
          {warning.message}
        </p>
      ))}
      {preview.changes.length === 0 ? (
        <p className="muted">Nobody's access changes.</p>
      ) : (
        <Table className="compact" caption={title} columns={['User', 'On', 'Gains', 'Loses']}>
          {preview.changes.map((change) => {
            const { gains, loses } = gainsAndLosses(change);
            return (
              <tr key={`${change.user.id}:${change.target}`}>
                <td>{change.user.login}</td>
                <td>{targetLabel(change.target)}</td>
                <td className="gains">{gains.join(', ') || '—'}</td>
                <td className="loses">{loses.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}
