import { api } from '../api.js';
import type { TeamChecks } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { ErrorMessage } from './ErrorMessage.js';

interface Props {
  projectKey: string;
  checks: TeamChecks;
  /** The project's `canSwitchChecks` ability: without it the state is shown, not offered. */
  canSwitch: boolean;
  onChanged: () => void;
}

const EFFECT: Record<TeamChecks['effective'], string> = {
  on: 'Only members of a team of this project with a valid price list can log work here.',
  off_for_project: 'Team & price-list checks are off for this project: anyone who may work on its items can log work.',
  off_globally:
    'Team & price-list checks are off for the whole installation: anyone who may work on the items can log work.',
};

/** The team & price-list check of one project (PRICE-2), effective while the check is on for the installation. */
export function TeamChecksSwitch({ projectKey, checks, canSwitch, onChanged }: Props) {
  const { busy, error, run } = useAction();

  function toggle(disabled: boolean) {
    void run(async () => {
      await api.setProjectTeamChecks(projectKey, checks, disabled ? 'disabled' : 'inherit');
      onChanged();
    });
  }

  return (
    <div className="team-checks form">
      {checks.effective === 'off_globally' && (
        <p className="warning">The check for teams & price lists is turned off for the whole installation.</p>
      )}
      {canSwitch && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={checks.project === 'disabled'}
            disabled={busy}
            onChange={(e) => toggle(e.target.checked)}
          />
          Disable team & price-list checks for this project
        </label>
      )}
      <p className="muted">{EFFECT[checks.effective]}</p>
      <ErrorMessage error={error} />
    </div>
  );
}
