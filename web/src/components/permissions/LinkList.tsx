import type { ReactNode } from 'react';
import { SUBJECT_KIND_LABELS } from '../SecurityEntriesTable.js';
import { RowButton } from '../RowActions.js';
import type { LinkKind } from './SubjectChoice.js';

/** One grant or role membership as listed: its id and whom it names. */
export interface ListedLink {
  id: number;
  subject: { kind: LinkKind; id: number; name: string };
}

interface Props<L extends ListedLink> {
  links: L[];
  /** What the remove button says (screen readers hear `removeName`, which names the row). */
  removeLabel: string;
  removeName: (link: L) => string;
  onRemove: (link: L) => void;
  /** What the list says when it is empty: what to do next, with a button. */
  empty: ReactNode;
}

/** Who a permission is granted to, or who holds a project role: kind, name and a button to take it away. */
export function LinkList<L extends ListedLink>({ links, removeLabel, removeName, onRemove, empty }: Props<L>) {
  if (links.length === 0) return <div className="empty-state">{empty}</div>;
  return (
    <ul className="link-list">
      {links.map((link) => (
        <li key={link.id}>
          <span>
            <span className="subject-kind">{SUBJECT_KIND_LABELS[link.subject.kind]}</span> {link.subject.name}
          </span>
          <RowButton danger name={removeName(link)} onClick={() => onRemove(link)}>
            {removeLabel}
          </RowButton>
        </li>
      ))}
    </ul>
  );
}

/** "No one is granted X yet — Add a grant": the empty state's sentence and its button. */
export function EmptyLinks(props: { text: string; action: string; name: string; onAction: () => void }) {
  const { text, action, name, onAction } = props;
  return (
    <p className="muted">
      {text}{' '}
      <button type="button" className="button small secondary" aria-label={name} onClick={onAction}>
        {action}
      </button>
    </p>
  );
}
