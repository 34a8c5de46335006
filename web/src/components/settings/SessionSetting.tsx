import { SettingField } from './SettingField.js';
import type { SectionProps, SettingsValues } from './values.js';

/** How long a sign-in lasts: an amount of hours or days, 1 hour to 90 days. */
export function SessionSetting({ values, set, errors }: SectionProps) {
  return (
    <fieldset>
      <legend>Sessions</legend>
      <SettingField
        label="Session lifetime"
        field="sessionHours"
        errors={errors}
        help="How long a sign-in lasts before the person must sign in again: 1 hour to 90 days. It applies to sign-ins from now on; people already signed in keep the time they were given."
      >
        {(input) => (
          <div className="session-lifetime">
            <input
              {...input}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              value={values.sessionAmount}
              onChange={(e) => set({ sessionAmount: e.target.value })}
            />
            <select
              aria-label="Hours or days"
              value={values.sessionUnit}
              onChange={(e) => set({ sessionUnit: e.target.value as SettingsValues['sessionUnit'] })}
            >
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </div>
        )}
      </SettingField>
    </fieldset>
  );
}
