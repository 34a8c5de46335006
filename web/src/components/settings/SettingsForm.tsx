import { useState } from 'react';
import type { InstallationSettings } from '../../../../src/contracts.js';
import { ApiError } from '../../api.js';
import { updateSettings } from '../../api/settings.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { SessionSetting } from './SessionSetting.js';
import { TeamCheckSetting } from './TeamCheckSetting.js';
import { TimeZoneSetting } from './TimeZoneSetting.js';
import { changeOf, SETTING_FIELDS, valuesOf, type SettingsValues } from './values.js';
import { WorkDateSettings } from './WorkDateSettings.js';

interface Props {
  initial: InstallationSettings;
  /** Reads the settings again (after a stale-version refusal). */
  onReload: () => void;
}

const isStale = (error: unknown) => error instanceof ApiError && error.code === 'version_conflict';

/** The installation settings as one form of sections; saved with the version read (API-4). */
export function SettingsForm({ initial, onReload }: Props) {
  const [settings, setSettings] = useState(initial);
  const [values, setValues] = useState<SettingsValues>(() => valuesOf(initial));
  const [saved, setSaved] = useState(false);
  const set = (change: Partial<SettingsValues>) => {
    setValues((current) => ({ ...current, ...change }));
    setSaved(false);
  };

  const { busy, fields, submit } = useFormSubmit(SETTING_FIELDS, async () => {
    setSaved(false);
    const updated = await updateSettings(settings.version, changeOf(values));
    setSettings(updated);
    setValues(valuesOf(updated));
    setSaved(true);
  });
  const section = { settings, values, set, errors: fields };

  return (
    <form className="form settings-form" onSubmit={submit} aria-labelledby="settings-title" noValidate>
      <h2 id="settings-title">Settings</h2>
      <p className="muted">These settings apply to the whole installation.</p>
      <TeamCheckSetting {...section} />
      <TimeZoneSetting {...section} />
      <WorkDateSettings {...section} />
      <SessionSetting {...section} />
      {isStale(fields.rest) ? (
        <div className="error" role="alert">
          <p>Someone else changed the settings after you opened them, so yours were not saved.</p>
          <p>Reload to see the current settings, then make your change again.</p>
          <button type="button" className="button secondary" onClick={onReload}>
            Reload settings
          </button>
        </div>
      ) : (
        <ErrorMessage error={fields.rest} />
      )}
      {saved && (
        <p className="notice" role="status">
          Settings saved.
        </p>
      )}
      <div className="form-actions start">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
