import { SettingField } from './SettingField.js';
import type { SectionProps } from './values.js';

/** WL-6: the days work may be logged for, from an earliest date (2000-01-01 at the soonest) to a year ahead at most. */
export function WorkDateSettings({ settings, values, set, errors }: SectionProps) {
  return (
    <fieldset>
      <legend>Work dates</legend>
      <p className="setting-help">
        Work can now be logged for days from <time>{settings.earliestWorkDate}</time> to{' '}
        <time>{settings.latestWorkDate}</time>.
      </p>
      <SettingField
        label="Earliest work date"
        field="earliestWorkDate"
        errors={errors}
        help="No work can be logged for a day before this one. 2000-01-01 is the earliest allowed."
      >
        {(input) => (
          <input
            {...input}
            type="date"
            min="2000-01-01"
            required
            value={values.earliestWorkDate}
            onChange={(e) => set({ earliestWorkDate: e.target.value })}
          />
        )}
      </SettingField>
      <SettingField
        label="Days ahead"
        field="workDaysAhead"
        errors={errors}
        help="How many days after today work can be logged for (0 means up to today). Leave empty for one year, the most allowed."
      >
        {(input) => (
          <input
            {...input}
            type="number"
            inputMode="numeric"
            min={0}
            max={366}
            step={1}
            placeholder="one year"
            value={values.workDaysAhead}
            onChange={(e) => set({ workDaysAhead: e.target.value })}
          />
        )}
      </SettingField>
    </fieldset>
  );
}
