import { Dialog } from './Dialog.js';

export interface TeamChange {
  recordedTeam: { name: string } | null;
  currentTeam: { name: string } | null;
}

interface Props {
  change: TeamChange;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const teamText = (team: { name: string } | null) => (team ? `team ${team.name}` : 'no team');

/** PRICE-5: the author changed team since the work log was recorded; saving moves it only if the user confirms. */
export function TeamChangedDialog({ change, busy, onConfirm, onCancel }: Props) {
  return (
    <Dialog title="The author changed team" onClose={onCancel}>
      <p>
        This work log was recorded with {teamText(change.recordedTeam)}; the author is now in{' '}
        {teamText(change.currentTeam)}. Move it to the current team and price list?
      </p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button" onClick={onConfirm} disabled={busy}>
          Move and save
        </button>
      </div>
    </Dialog>
  );
}

/** The teams named by a `team_changed` problem. */
export function teamChangeOf(problem: Record<string, unknown>): TeamChange {
  const team = (value: unknown) =>
    value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string'
      ? { name: (value as { name: string }).name }
      : null;
  return { recordedTeam: team(problem.recordedTeam), currentTeam: team(problem.currentTeam) };
}
