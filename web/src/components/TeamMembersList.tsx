import { useState } from 'react';
import type { Person } from '../../../src/contracts.js';

const SHOWN = 3;

/** A team's members in a list row: the first three, and "more…" for the rest (as the project team list shows them). */
export function TeamMembersList({ members, teamName }: { members: Person[]; teamName: string }) {
  const [all, setAll] = useState(false);
  if (members.length === 0) return <span className="muted">No members</span>;
  const shown = all ? members : members.slice(0, SHOWN);
  return (
    <span className="team-members">
      {shown.map((m) => m.displayName).join(', ')}
      {members.length > SHOWN && (
        <>
          {' '}
          <button
            type="button"
            className="button link small"
            aria-expanded={all}
            aria-label={all ? `Show fewer members of ${teamName}` : `Show all ${members.length} members of ${teamName}`}
            onClick={() => setAll((v) => !v)}
          >
            {all ? 'less' : 'more…'}
          </button>
        </>
      )}
    </span>
  );
}
