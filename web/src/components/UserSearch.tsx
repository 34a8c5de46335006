import { useEffect, useRef, useState } from 'react';
import type { Person } from '../../../src/contracts.js';
import { ErrorMessage } from './ErrorMessage.js';
import { SelectField } from './SelectField.js';

interface Props {
  /** Label of the list of matches; the search field is "Find <label>". */
  label?: string;
  search: (q: string) => Promise<Person[]>;
  value: number | null;
  onChange: (person: Person | null) => void;
}

/** Type to search, then pick from the matches: a plain field and a plain select, both labelled. */
export function UserSearch({ label = 'User', search, value, onChange }: Props) {
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  const searchRef = useRef(search);
  searchRef.current = search;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;

  useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(() => {
      searchRef.current(q.trim()).then(
        (found) => {
          if (request !== latest.current) return;
          setMatches(found);
          setError(null);
          // Keep the choice while it still matches; otherwise take the best match, so the form is never stale.
          if (!found.some((p) => p.id === valueRef.current)) onChangeRef.current(found[0] ?? null);
        },
        (failure: unknown) => {
          if (request !== latest.current) return;
          setMatches([]);
          setError(failure);
          onChangeRef.current(null);
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div className="user-search">
      <label>
        Find {label.toLowerCase()}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Login or name" />
      </label>
      <SelectField
        label={label}
        value={value ?? ''}
        onChange={(id) => onChange(matches.find((p) => p.id === Number(id)) ?? null)}
        disabled={matches.length === 0}
      >
        {matches.length === 0 && <option value="">No matches</option>}
        {matches.map((person) => (
          <option key={person.id} value={person.id}>
            {person.login ? `${person.displayName} (${person.login})` : person.displayName}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={error} />
    </div>
  );
}
