import { useRef, useState } from 'react';
import type { ApprovalBatchResult, ApprovalSlice } from '../../../../src/contracts.js';
import { approvalsApi, type BatchDecision } from '../../api/approvals.js';
import { useAction } from '../../useAction.js';
import { useCursorList } from '../../useCursorList.js';
import { useDocumentTitle } from '../../useDocumentTitle.js';
import { useFieldErrors } from '../../useFieldErrors.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { PagedList } from '../PagedList.js';
import { CommentDialog } from './CommentDialog.js';
import { FILTER_FIELDS, queueFilters, type ApprovalsView } from './filters.js';
import { QueueFiltersForm } from './QueueFiltersForm.js';
import { enterToggles, QueueTable, selectable, type RowResult } from './QueueTable.js';

/**
 * The approval queue (FLOW-10): the slices the server routes to the caller, filtered by the address. Several are
 * approved or rejected at once; each is decided on its own, so the rows say which were done and why others were not.
 */
export function ApprovalQueue({ view }: { view: ApprovalsView }) {
  useDocumentTitle('Timesheet approval');
  const filters = queueFilters(view);
  const filterKey = JSON.stringify(filters);
  const list = useCursorList((cursor) => approvalsApi.queue(filters, cursor), [filterKey]);
  const errors = useFieldErrors(list.error, FILTER_FIELDS);
  const teams = useKnownTeams(list.items);

  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<number, RowResult>>(new Map());
  /** Rows a batch changed, shown with their new state until the list is loaded again. */
  const [changed, setChanged] = useState<ReadonlyMap<number, ApprovalSlice>>(new Map());
  const [summary, setSummary] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const batch = useAction();

  function reset() {
    setSelected(new Set());
    setResults(new Map());
    setChanged(new Map());
    setSummary('');
  }
  // Other filters, another list: what was picked and decided belongs to the list it was done on.
  const [shownFor, setShownFor] = useState(filterKey);
  if (shownFor !== filterKey) {
    setShownFor(filterKey);
    reset();
  }

  const slices = list.items.map((slice) => changed.get(slice.id) ?? slice);
  const picked = slices.filter((s) => selected.has(s.id) && selectable(s)).map((s) => s.id);
  const pickable = slices.filter(selectable).map((s) => s.id);
  const allPicked = pickable.length > 0 && pickable.every((id) => selected.has(id));

  function select(ids: number[], on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  }

  function applyResults(decision: BatchDecision, answer: ApprovalBatchResult) {
    const outcome = new Map<number, RowResult>();
    const updated = new Map(changed);
    for (const r of answer.results) {
      outcome.set(r.id, r.ok ? { ok: true, decision } : { ok: false, message: r.message ?? 'The server refused it.' });
      const slice = slices.find((s) => s.id === r.id);
      if (r.ok && slice) updated.set(r.id, doneSlice(slice, decision));
    }
    const done = answer.results.filter((r) => r.ok).length;
    const refused = answer.results.length - done;
    setResults(outcome);
    setChanged(updated);
    setSelected(new Set(answer.results.filter((r) => !r.ok).map((r) => r.id)));
    setSummary(summaryOf(decision, done, refused));
  }

  const decide = (decision: BatchDecision, comment?: string) =>
    approvalsApi.batch(picked, decision, comment).then((answer) => applyResults(decision, answer));

  return (
    <>
      <QueueFiltersForm key={filterKey} view={view} teams={teams} errors={errors} />
      <div className="approvals-toolbar" role="group" aria-label="Selected timesheets">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={allPicked}
            disabled={pickable.length === 0}
            onChange={(e) => select(pickable, e.target.checked)}
            onKeyDown={enterToggles}
          />{' '}
          Select all shown
        </label>
        <span className="muted">{picked.length} selected</span>
        <button
          type="button"
          className="button"
          disabled={picked.length === 0 || batch.busy}
          onClick={() => void batch.run(() => decide('approve'))}
        >
          {batch.busy ? 'Approving…' : 'Approve selected'}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={picked.length === 0 || batch.busy}
          onClick={() => setRejecting(true)}
        >
          Reject selected…
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            reset();
            list.reload();
          }}
        >
          Refresh
        </button>
      </div>
      <p className="approvals-summary" role="status">
        {summary}
      </p>
      <ErrorMessage error={batch.error} />
      {list.lastPage && <p className="muted">{countLabel(list.lastPage.total)}</p>}
      <PagedList list={list} error={errors.rest} empty="No timesheets match these filters.">
        {() => <QueueTable slices={slices} view={view} selected={selected} onSelect={select} results={results} />}
      </PagedList>
      {rejecting && (
        <CommentDialog
          title={`Reject ${picked.length === 1 ? 'one timesheet' : `${picked.length} timesheets`}`}
          intro="Each owner gets the timesheet back to correct it, with your comment, and submits it again."
          label="Why are they rejected?"
          required
          requiredMessage="Write why you reject them: the owners read it to know what to correct."
          submitLabel="Reject"
          busyLabel="Rejecting…"
          onSubmit={async (comment) => {
            await decide('reject', comment);
            setRejecting(false);
          }}
          onCancel={() => setRejecting(false)}
        />
      )}
    </>
  );
}

const countLabel = (total: number) => (total === 1 ? '1 timesheet' : `${total} timesheets`);

function summaryOf(decision: BatchDecision, done: number, refused: number): string {
  const verb = decision === 'approve' ? 'Approved' : 'Rejected';
  const doneText = `${verb} ${countLabel(done)}.`;
  if (refused === 0) return doneText;
  return `${doneText} ${refused === 1 ? '1 was not: its row says why' : `${refused} were not: their rows say why`}.`;
}

/** The row as the decision left it: its new state, and nothing more to decide in a batch. */
function doneSlice(slice: ApprovalSlice, decision: BatchDecision): ApprovalSlice {
  return {
    ...slice,
    state: decision === 'approve' ? 'approved' : 'rejected',
    abilities: { approve: false, reject: false, grantRecall: false, refuseRecall: false, reopen: false },
  };
}

/** The teams of every slice shown so far, for the team filter: the queue names no other teams to an approver. */
function useKnownTeams(slices: ApprovalSlice[]) {
  const known = useRef(new Map<number, string>());
  for (const slice of slices) if (slice.team) known.current.set(slice.team.id, slice.team.name);
  return [...known.current].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
