import type { AuditRow } from '../../../../src/contracts.js';
import { formatDateTime } from '../../dates.js';
import { AuditDiff } from './AuditDiff.js';
import { entityOf } from './entity.js';

interface Props {
  row: AuditRow;
  actionLabel: string;
  entityTypeLabel: string;
  teamsArea: boolean;
}

/** One audit row (EXPL-4): when, who, what in plain words, about which entity, and what changed. */
export function AuditEntry({ row, actionLabel, entityTypeLabel, teamsArea }: Props) {
  const entity = entityOf(row, entityTypeLabel, teamsArea);
  return (
    <li className="audit-entry panel" aria-labelledby={`audit-${row.id}`}>
      <p className="audit-entry-head" id={`audit-${row.id}`}>
        <time dateTime={row.at}>{formatDateTime(row.at)}</time>
        <span className="audit-actor">{row.actor ? row.actor.displayName : 'The system'}</span>
        <strong className="audit-action">{actionLabel}</strong>
      </p>
      <p className="audit-entity">{entity.href ? <a href={entity.href}>{entity.text}</a> : entity.text}</p>
      <AuditDiff before={row.before} after={row.after} hiddenFields={row.hiddenFields} />
    </li>
  );
}
