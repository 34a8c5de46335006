import { useState } from 'react';
import { setProjectArchived } from '../../api/projects.js';
import type { Project } from '../../../../src/contracts.js';
import { useAction } from '../../useAction.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';

interface Props {
  project: Project;
  onChanged: () => void;
}

/**
 * Archive or unarchive a project (PRJ-1): archived, it takes no new work logs or items and leaves the project list
 * (unless "Show archived" is on); everything in it stays readable. Archiving asks first; unarchiving does not.
 */
export function ArchiveSection({ project, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const archived = project.archivedAt !== null;

  const change = (to: boolean) =>
    void run(async () => {
      await setProjectArchived(project, to);
      setConfirming(false);
      onChanged();
    });

  return (
    <section className="panel archive-section" aria-labelledby="archive-title">
      <h3 id="archive-title">{archived ? 'Archived project' : 'Archive'}</h3>
      {archived ? (
        <p>
          Archived on {new Date(project.archivedAt!).toLocaleDateString()}. It takes no new work logs or work items;
          everything in it stays readable.
        </p>
      ) : (
        <p>
          An archived project takes no new work logs or work items and leaves the project list; everything in it stays
          readable, and it can be made active again.
        </p>
      )}
      {!confirming && <ErrorMessage error={error} />}
      <div className="form-actions start">
        {archived ? (
          <button type="button" className="button" disabled={busy} onClick={() => change(false)}>
            {busy ? 'Unarchiving…' : 'Unarchive project'}
          </button>
        ) : (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            Archive project…
          </button>
        )}
      </div>
      {confirming && (
        <Dialog title={`Archive ${project.key}?`} onClose={() => setConfirming(false)}>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              change(true);
            }}
          >
            <p>
              Nobody will be able to log work or create work items in {project.name} until it is unarchived. Its work
              items, work logs and settings stay readable.
            </p>
            <ErrorMessage error={error} />
            <FormButtons
              onCancel={() => setConfirming(false)}
              label="Archive project"
              busyLabel="Archiving…"
              busy={busy}
            />
          </form>
        </Dialog>
      )}
    </section>
  );
}
