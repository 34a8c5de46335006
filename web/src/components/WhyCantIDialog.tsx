import { useState } from 'react';
import type { ExplainAction } from '../../../src/contracts.js';
import { api } from '../api.js';
import { today } from '../dates.js';
import { ITEM_SCREEN_ACTIONS } from '../labels.js';
import { useResource } from '../useResource.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { CloseButton } from './FormButtons.js';
import { DATED_ACTIONS, ExplanationView } from './ExplanationView.js';
import { SelectField } from './SelectField.js';

interface Props {
  itemKey: string;
  onClose: () => void;
}

/** "Why can't I see this?" (EXPL-1): the server's explanation of one of the caller's own decisions on this item. */
export function WhyCantIDialog({ itemKey, onClose }: Props) {
  const [action, setAction] = useState(ITEM_SCREEN_ACTIONS[0].action);
  const [date, setDate] = useState(today());
  const dated = DATED_ACTIONS.has(action);
  // A dated action is explained for the date shown; an empty field leaves it to the server's today.
  const asked = dated && date ? date : undefined;
  const explanation = useResource(() => api.explain(action, { item: itemKey, date: asked }), [action, itemKey, asked]);

  return (
    <Dialog title="Why can't I…?" onClose={onClose} wide>
      <div className="form">
        <SelectField label="Action" value={action} onChange={(value) => setAction(value as ExplainAction)}>
          {ITEM_SCREEN_ACTIONS.map((option) => (
            <option key={option.action} value={option.action}>
              {option.label}
            </option>
          ))}
        </SelectField>
        {dated && (
          <label>
            Work date
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
        )}
        <div aria-live="polite" aria-busy={explanation.loading}>
          <ErrorMessage error={explanation.error} />
          {explanation.data && explanation.data.action === action && <ExplanationView explanation={explanation.data} />}
        </div>
        <CloseButton onClose={onClose} />
      </div>
    </Dialog>
  );
}
