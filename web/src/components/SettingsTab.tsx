import { getSettings } from '../api/settings.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { SettingsForm } from './settings/SettingsForm.js';
import './settings/settings.css';

/** Administration → Settings: the team check (PRICE-2), time zone, work-date window (WL-6) and session lifetime. */
export function SettingsTab() {
  const settings = useResource(() => getSettings(), []);
  if (settings.error) return <ErrorMessage error={settings.error} />;
  if (!settings.data) return <p className="muted">Loading settings…</p>;
  // A reload starts the form afresh from what the server holds now.
  return <SettingsForm key={settings.data.version} initial={settings.data} onReload={settings.reload} />;
}
