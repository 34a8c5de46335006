import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.js';
import type { Group, GroupDeletionPreview } from '../../../src/contracts.js';
import { ChangePreview } from './ChangePreview.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import './users/users.css';

interface Props {
  group: Group;
  onDone: () => void;
  onCancel: () => void;
}

/** One list of things the deletion removes; nothing when the list is empty. */
function Removed({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * ID-6: deleting a group shows first what goes with it and whose access changes (EXPL-3); the deletion sends the
 * version the preview was made at, so a group changed meanwhile is refused and previewed again.
 */
export function DeleteGroupDialog({ group, onDone, onCancel }: Props) {
  const [preview, setPreview] = useState<GroupDeletionPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setPreview(null);
    api.previewGroupDeletion(group.id).then(
      (loaded) => current && setPreview(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [group.id, generation]);

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteGroup(preview.group, preview.needsConfirmation);
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
      // The group changed since the preview: show what its deletion removes now.
      if (failure instanceof ApiError && failure.code === 'version_conflict') setGeneration((g) => g + 1);
    }
  }

  const removes = preview?.removes;
  return (
    <Dialog title={`Delete group ${group.name}`} onClose={onCancel} wide>
      {!preview && !error && <p className="muted">Loading what the deletion removes…</p>}
      {removes && (
        <>
          {preview.needsConfirmation ? (
            <p className="warning">Deleting the group also removes everything listed here. This cannot be undone.</p>
          ) : (
            <p className="muted">The group has no members, grants, denials, roles or item-security entries.</p>
          )}
          <Removed
            title="Members who leave the group"
            items={removes.members.map((m) => `${m.displayName} (${m.login})`)}
          />
          <Removed
            title="Project permissions"
            items={removes.projectPermissions.map((g) => `${g.permission} on ${g.projectKey}`)}
          />
          <Removed
            title="Project-role memberships"
            items={removes.projectRoles.map((m) => `${m.role} in ${m.projectKey}`)}
          />
          <Removed title="Deny permissions" items={removes.denials.map((d) => `DENY ${d.permission}`)} />
          <Removed
            title="Item-security entries"
            items={removes.itemSecurity.map((e) => `${e.itemKey}: view ${e.view}, edit ${e.edit}`)}
          />
          <Removed title="App roles" items={removes.appRoles.map((r) => r.role)} />
          <ChangePreview preview={preview} title="Whose access changes" />
        </>
      )}
      <ErrorMessage error={error} />
      <div className="form-actions start wrap">
        <button type="button" className="button danger" onClick={confirm} disabled={busy || !preview}>
          {preview?.needsConfirmation ? 'Delete group and everything listed' : 'Delete group'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
