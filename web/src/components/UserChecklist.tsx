import { useState } from 'react';
import type { Page, Person } from '../../../src/contracts.js';
import { useDebounced } from '../useDebounced.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props {
  legend: string;
  /** The server's list of users to pick from, filtered by the search text. */
  load: (q: string) => Promise<Page<Person>>;
  selected: Person[];
  onChange: (selected: Person[]) => void;
}

/** Users to pick, several at once: a search field and a list of checkboxes. Picks survive a new search. */
export function UserChecklist({ legend, load, selected, onChange }: Props) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const found = useResource(() => load(search), [search]);
  const isPicked = (id: number) => selected.some((p) => p.id === id);
  const unpickedMatches = (found.data?.items ?? []).filter((p) => !isPicked(p.id));
  const people = [...selected, ...unpickedMatches];

  function toggle(person: Person, picked: boolean) {
    onChange(picked ? [...selected, person] : selected.filter((p) => p.id !== person.id));
  }

  return (
    <fieldset className="user-checklist">
      <legend>{legend}</legend>
      <label>
        Find users
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Login or name" />
      </label>
      <ErrorMessage error={found.error} />
      {people.length === 0 ? (
        <p className="muted">{found.loading ? 'Loading…' : 'Nobody available.'}</p>
      ) : (
        <ul className="checklist">
          {people.map((person) => (
            <li key={person.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={isPicked(person.id)}
                  onChange={(e) => toggle(person, e.target.checked)}
                />
                {person.displayName} <span className="muted">({person.login})</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {found.data?.nextCursor && <p className="hint-inline muted">More users match; search to narrow the list.</p>}
    </fieldset>
  );
}
