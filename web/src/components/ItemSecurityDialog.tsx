import { useEffect, useState } from 'react';
import { useAction } from '../useAction.js';
import { api, ApiError, isNotFound } from '../api.js';
import { href } from '../router.js';
import type { Item, ItemSecurity, Preview, SecurityEntry, SecurityInput } from '../../../src/contracts.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { ChangePreview } from './ChangePreview.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { CloseButton } from './FormButtons.js';
import { SecurityClearControls } from './SecurityClearControls.js';
import { SecurityEntriesTable } from './SecurityEntriesTable.js';
import { SecuritySubjectPicker } from './SecuritySubjectPicker.js';

interface Props {
  item: Item;
  onClose: () => void;
  /** Called after every saved change: the caller's own abilities on the item may have changed with it. */
  onChanged: () => void;
}

/** Item security (ITEM-1…ITEM-7): the setting that governs the item, edited as a draft and saved in one go. */
export function ItemSecurityDialog({ item, onClose, onChanged }: Props) {
  const [setting, setSetting] = useState<ItemSecurity | null>(null);
  const [draft, setDraft] = useState<SecurityEntry[]>([]);
  const [applyToChildren, setApplyToChildren] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [lockout, setLockout] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction((failure) => {
    if (failure instanceof ApiError && failure.code === 'lockout_warning') {
      setLockout(true);
      return true;
    }
    // A change can take the caller's own access away; the item screen then shows what is left.
    if (isNotFound(failure)) onChanged();
    return false;
  });
  const fields = useFieldErrors(error, ['entries', 'applyToChildren']);

  useEffect(() => {
    let current = true;
    api.getItemSecurity(item.key).then(
      (loaded) => current && adopt(loaded, null),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [item.key]);

  function adopt(next: ItemSecurity, message: string | null) {
    setSetting(next);
    setDraft(next.entries);
    setPreview(null);
    setLockout(false);
    setStatus(message);
  }

  function edit(entries: SecurityEntry[]) {
    setDraft(entries);
    setPreview(null);
    setLockout(false);
    setStatus(null);
  }

  function input(confirmLockout: boolean): SecurityInput {
    return {
      entries: draft.map((e) => ({ kind: e.kind, subjectId: e.subject.id, view: e.view, edit: e.edit })),
      // The version guards an own setting against concurrent edits (API-4); a new one has none.
      version: setting?.mode === 'own' ? (setting.version ?? undefined) : undefined,
      applyToChildren,
      confirmLockout,
    };
  }

  const save = (confirmLockout: boolean) =>
    run(async () => {
      adopt(await api.setItemSecurity(item.key, input(confirmLockout)), 'Saved. The item has its own setting.');
      setApplyToChildren(false);
      onChanged();
    });

  const previewChanges = () =>
    run(async () => {
      setPreview(await api.previewItemSecurity(item.key, input(false)));
    });

  const clear = (children: boolean, message: string) =>
    run(async () => {
      adopt(await api.clearItemSecurity(item.key, children), message);
      onChanged();
    });

  return (
    <Dialog title={`Security of ${item.key}`} onClose={onClose} wide>
      {!setting ? (
        error ? (
          <ErrorMessage error={error} />
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : (
        <div className="form security-dialog">
          <SecurityMode setting={setting} />
          {setting.warnings.map((warning) => (
            <p key={warning.code} className="warning">
              {warning.message}
            </p>
          ))}

          <SecurityEntriesTable entries={draft} onChange={edit} />
          <FieldError errors={fields} field="entries" />
          <SecuritySubjectPicker
            projectKey={item.projectKey}
            existing={draft}
            onAdd={(entry) => edit([...draft, entry])}
          />
          <label className="checkbox">
            <input type="checkbox" checked={applyToChildren} onChange={(e) => setApplyToChildren(e.target.checked)} />
            Apply this setting to all child items
          </label>
          <FieldError errors={fields} field="applyToChildren" />

          {lockout && (
            <div className="warning lockout" role="alert">
              <p>
                <strong>No entry allows view.</strong> Only system administrators will reach this item and the child
                items that inherit its setting. You may lose access yourself.
              </p>
              <div className="form-actions start">
                <button type="button" className="button danger" onClick={() => save(true)} disabled={busy}>
                  Save anyway
                </button>
                <button type="button" className="button secondary" onClick={() => setLockout(false)}>
                  Keep editing
                </button>
              </div>
            </div>
          )}
          <ErrorMessage error={fields.rest} />
          {status && (
            <p className="notice" role="status">
              {status}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={previewChanges} disabled={busy}>
              Preview changes
            </button>
            <button type="button" className="button" onClick={() => save(false)} disabled={busy}>
              {busy ? 'Working…' : 'Save'}
            </button>
          </div>
          {preview && <ChangePreview preview={preview} />}

          <ChildrenWithOwnSetting keys={setting.childrenWithOwnSetting} />
          <SecurityClearControls setting={setting} hasParent={item.parentKey !== null} busy={busy} onClear={clear} />
          <CloseButton onClose={onClose} />
        </div>
      )}
    </Dialog>
  );
}

function SecurityMode({ setting }: { setting: ItemSecurity }) {
  if (setting.mode === 'own') return <p className="security-mode">This item has its own setting.</p>;
  if (setting.mode === 'inherited' && setting.inheritedFrom) {
    return (
      <p className="security-mode">
        Inherited from <a href={href.item(setting.inheritedFrom)}>{setting.inheritedFrom}</a>. Saving gives this item
        its own setting.
      </p>
    );
  }
  return (
    <p className="security-mode">
      No item security: project permissions apply. Saving gives this item its own setting.
    </p>
  );
}

function ChildrenWithOwnSetting({ keys }: { keys: string[] }) {
  if (keys.length === 0) return null;
  return (
    <section aria-label="Child items with their own setting">
      <h3>Child items with their own setting</h3>
      <ul className="inline-list">
        {keys.map((key) => (
          <li key={key}>
            <a href={href.item(key)}>{key}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
