import { useState } from 'react';
import { ApiError } from '../api.js';
import { updateProject } from '../api/projects.js';
import type { Project } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ArchiveSection } from './projects/ArchiveSection.js';
import { bodyOf, PROJECT_FIELDS, ProjectFields, valuesOf } from './projects/ProjectFields.js';
import './projects/projects.css';

interface Props {
  project: Project;
  /** The project changed (saved here, or found changed by someone else): the page reads it again. */
  onChanged: () => void;
}

/** A project's details and settings (PRJ-1), and archiving it, for its administrators. */
export function ProjectSettingsTab({ project, onChanged }: Props) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <h2>Settings</h2>
      {/* A new version (saved, archived, reloaded) starts the form again from what the server holds. */}
      <DetailsForm key={project.version} project={project} onChanged={onChanged} saved={saved} setSaved={setSaved} />
      <ArchiveSection project={project} onChanged={onChanged} />
    </>
  );
}

interface FormProps extends Props {
  saved: boolean;
  setSaved: (saved: boolean) => void;
}

function DetailsForm({ project, onChanged, saved, setSaved }: FormProps) {
  const [values, setValues] = useState(() => valuesOf(project));
  const { busy, fields, submit } = useFormSubmit(PROJECT_FIELDS, async () => {
    setSaved(false);
    await updateProject(project, bodyOf(values));
    setSaved(true);
    onChanged();
  });
  const stale = fields.rest instanceof ApiError && fields.rest.code === 'version_conflict';

  return (
    <form onSubmit={submit} className="form panel" aria-label="Project details" onChange={() => setSaved(false)}>
      <ProjectFields
        values={values}
        onChange={setValues}
        errors={fields}
        canChooseClient={project.abilities.canChooseClient}
      />
      {stale ? (
        <div className="error" role="alert">
          <p>Someone else changed this project since you opened it, so nothing was saved.</p>
          <button type="button" className="button secondary" onClick={onChanged}>
            Reload the project
          </button>
        </div>
      ) : (
        <ErrorMessage error={fields.rest} />
      )}
      {saved && (
        <p className="notice" role="status">
          Saved.
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
