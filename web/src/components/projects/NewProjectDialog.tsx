import { useState } from 'react';
import { createProject } from '../../api/projects.js';
import type { Project } from '../../../../src/contracts.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';
import { bodyOf, PROJECT_FIELDS, ProjectFields, type ProjectValues } from './ProjectFields.js';
import './projects.css';

interface Props {
  /** The server lets the caller read clients (the project list's `canListClients`). */
  canChooseClient: boolean;
  onClose: () => void;
  onCreated: (project: Project) => void;
}

const NEW: ProjectValues = { name: '', client: null, periodLength: 'week', teamChecks: 'inherit' };

/** A new project (PRJ-1): its key, name, client and settings; the creator becomes its administrator. */
export function NewProjectDialog({ canChooseClient, onClose, onCreated }: Props) {
  const [key, setKey] = useState('');
  const [values, setValues] = useState(NEW);
  const { busy, fields, submit } = useFormSubmit(['key', ...PROJECT_FIELDS], async () => {
    onCreated(await createProject({ key: key.trim(), ...bodyOf(values) }));
  });

  return (
    <Dialog title="New project" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField
          label="Key"
          value={key}
          onChange={(v) => setKey(v.toUpperCase())}
          required
          autoFocus
          maxLength={10}
          autoComplete="off"
          aria-describedby="new-project-key-hint"
          errors={fields}
          field="key"
        />
        <p className="muted hint" id="new-project-key-hint">
          2–10 capital letters or digits, starting with a letter; work items are numbered {key || 'KEY'}-1, -2, …
        </p>
        <ProjectFields values={values} onChange={setValues} errors={fields} canChooseClient={canChooseClient} />
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Create project" busyLabel="Creating…" busy={busy} />
      </form>
    </Dialog>
  );
}
