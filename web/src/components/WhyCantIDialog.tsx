import { useState } from 'react';
import { api } from '../api.js';
import { ITEM_SCREEN_ACTIONS } from '../labels.js';
import { useResource } from '../useResource.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ExplanationView } from './ExplanationView.js';
import { SelectField } from './SelectField.js';

interface Props {
  itemKey: string;
  onClose: () => void;
}

/** "Why can't I see this?" (EXPL-1): the server's explanation of one of the caller's own decisions on this item. */
export function WhyCantIDialog({ itemKey, onClose }: Props) {
  const [action, setAction] = useState(ITEM_SCREEN_ACTIONS[0].action);
  const explanation = useResource(() => api.explain(action, { item: itemKey }), [action, itemKey]);

  return (
    <Dialog title="Why can't I…?" onClose={onClose} wide>
      <div className="form">
        <SelectField label="Action" value={action} onChange={setAction}>
          {ITEM_SCREEN_ACTIONS.map((option) => (
            <option key={option.action} value={option.action}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <div aria-live="polite" aria-busy={explanation.loading}>
          <ErrorMessage error={explanation.error} />
          {explanation.data && explanation.data.action === action && (
            <ExplanationView explanation={explanation.data} />
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
