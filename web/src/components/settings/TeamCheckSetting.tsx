import { useId } from 'react';
import { FieldError } from '../FieldError.js';
import type { SectionProps } from './values.js';

/** PRICE-2: the team & price-list check for the whole installation. */
export function TeamCheckSetting({ values, set, errors }: SectionProps) {
  const helpId = `${useId()}-help`;
  return (
    <fieldset>
      <legend>Teams and price lists</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.teamChecks}
          onChange={(e) => set({ teamChecks: e.target.checked })}
          {...errors.props('teamChecks', helpId)}
        />
        Check teams and price lists when work is logged
      </label>
      <p className="setting-help" id={helpId}>
        {values.teamChecks
          ? 'On: people log work on a project only as members of one of its teams with a price list valid on the work date. A project can still turn the check off for itself.'
          : 'Off: anyone who may work on an item can log work on it, in every project. A team and price list are still recorded when the person has one.'}
      </p>
      <FieldError errors={errors} field="teamChecks" />
    </fieldset>
  );
}
