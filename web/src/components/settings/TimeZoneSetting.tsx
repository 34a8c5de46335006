import { useMemo } from 'react';
import { SettingField } from './SettingField.js';
import type { SectionProps } from './values.js';

/** The zones the browser knows, with UTC and the saved zone among them even where the browser lists neither. */
function zoneOptions(saved: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', saved, ...known])].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
}

/** The installation's time zone: which calendar day "today" is. */
export function TimeZoneSetting({ settings, values, set, errors }: SectionProps) {
  const zones = useMemo(() => zoneOptions(settings.timeZone), [settings.timeZone]);
  return (
    <fieldset>
      <legend>Time zone</legend>
      <SettingField
        label="Time zone of the installation"
        field="timeZone"
        errors={errors}
        help={`Says which day "today" is for the work-date limits below and for access explanations. Today is ${settings.today} in ${settings.timeZone}.`}
      >
        {(input) => (
          <select {...input} value={values.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </SettingField>
    </fieldset>
  );
}
