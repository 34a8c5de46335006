import type { Project } from '../../../../src/contracts.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { ClientPicker } from './ClientPicker.js';

/** What a project form edits (PRJ-1): its name, client and settings. */
export interface ProjectValues {
  name: string;
  client: { id: number; name: string } | null;
  periodLength: Project['settings']['periodLength'];
  teamChecks: Project['settings']['teamChecks'];
}

/** The fields a form names in its errors (API-5): a refusal of one shows next to it. */
export const PROJECT_FIELDS = ['name', 'clientId', 'settings.periodLength', 'settings.teamChecks'] as const;

export const valuesOf = (project: Project): ProjectValues => ({
  name: project.name,
  client: project.client,
  ...project.settings,
});

/** The body a create or update sends for these values. */
export const bodyOf = (v: ProjectValues) => ({
  name: v.name.trim(),
  clientId: v.client?.id ?? null,
  settings: { periodLength: v.periodLength, teamChecks: v.teamChecks },
});

interface Props {
  values: ProjectValues;
  onChange: (values: ProjectValues) => void;
  errors: FieldErrors;
  /** The server lets the caller read the clients to choose from; otherwise the client is shown, not offered. */
  canChooseClient: boolean;
}

/** A project's name, client, timesheet period and team check, shared by the new-project dialog and the settings tab. */
export function ProjectFields({ values, onChange, errors, canChooseClient }: Props) {
  const set = (change: Partial<ProjectValues>) => onChange({ ...values, ...change });
  return (
    <>
      <TextField
        label="Name"
        value={values.name}
        onChange={(name) => set({ name })}
        required
        maxLength={200}
        errors={errors}
        field="name"
      />
      {canChooseClient ? (
        <ClientPicker value={values.client} onChange={(client) => set({ client })} errors={errors} />
      ) : (
        <p className="field">
          <span className="muted">Client: </span>
          {values.client?.name ?? 'none'}
        </p>
      )}
      <SelectField
        label="Timesheet period"
        value={values.periodLength}
        onChange={(v) => set({ periodLength: v as ProjectValues['periodLength'] })}
        errors={errors}
        field="settings.periodLength"
      >
        <option value="week">A week</option>
        <option value="month">A month</option>
      </SelectField>
      <SelectField
        label="Team & price-list check"
        value={values.teamChecks}
        onChange={(v) => set({ teamChecks: v as ProjectValues['teamChecks'] })}
        errors={errors}
        field="settings.teamChecks"
      >
        <option value="inherit">As the installation says</option>
        <option value="disabled">Off for this project</option>
      </SelectField>
    </>
  );
}
