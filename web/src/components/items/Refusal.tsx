import { useState } from 'react';
import { api, ApiError } from '../../api.js';
import type { ExplainAction, ExplainResource } from '../../../../src/contracts.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { ExplanationView } from '../ExplanationView.js';

/** The decision a refusal came from: what paste and move need is creating under the target (ITEM-8). */
export interface Asked {
  action: ExplainAction;
  resource: ExplainResource;
}

/** Creating under `parentKey`, or at the top of the project: what a move or a paste there needs (ITEM-8). */
export const placingUnder = (projectKey: string, parentKey: string | null): Asked => ({
  action: 'item.create',
  resource: parentKey ? { item: parentKey } : { project: projectKey },
});

interface Props {
  error: unknown;
  /** What was refused, e.g. "Cannot move ACME-3 under ACME-5"; the server's reason follows. */
  what?: string;
  /** The decision to explain when a rule refused (403). */
  why?: Asked;
  /** A stale version (409 version_conflict): reloading shows the item as it now is. */
  onReload?: () => void;
}

/**
 * A refused change: the server's reason in its own words and, for a refusal of a rule, "Why?" opens the explanation of
 * that decision (the words of "Why can't I…?", EXPL-1).
 */
export function Refusal({ error, what, why, onReload }: Props) {
  const [open, setOpen] = useState(false);
  if (!error) return null;
  const problem = error instanceof ApiError ? error : null;
  const explainable = problem?.status === 403 && why;
  const reloadable = problem?.code === 'version_conflict' && onReload;
  return (
    <div className="refusal">
      <ErrorMessage error={what && problem ? `${what}: ${problem.detail}` : error} />
      {(explainable || reloadable) && (
        <div className="refusal-actions">
          {explainable && (
            <button
              type="button"
              className="button small secondary"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              Why?
            </button>
          )}
          {reloadable && (
            <button type="button" className="button small secondary" onClick={onReload}>
              Reload
            </button>
          )}
        </div>
      )}
      {open && why && <Explained asked={why} />}
    </div>
  );
}

function Explained({ asked }: { asked: Asked }) {
  const { action, resource } = asked;
  const explanation = useResource(() => api.explain(action, resource), [action, resource.item, resource.project]);
  return (
    <div aria-live="polite" aria-busy={explanation.loading}>
      <ErrorMessage error={explanation.error} />
      {explanation.data && <ExplanationView explanation={explanation.data} />}
    </div>
  );
}
