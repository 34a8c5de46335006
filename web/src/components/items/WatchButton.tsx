import { getWatch, setWatch } from '../../api/dashboard.js';
import { useAction } from '../../useAction.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';

/** Quick watch (ITEM-9): watch the item to see it, with its hours, on the Dashboard; a toggle button. */
export function WatchButton({ itemKey }: { itemKey: string }) {
  const watch = useResource(() => getWatch(itemKey), [itemKey]);
  const toggle = useAction();
  if (!watch.data) return null;
  return (
    <>
      <button
        type="button"
        className="button secondary"
        aria-pressed={watch.data.watched}
        disabled={toggle.busy}
        onClick={() =>
          void toggle.run(async () => {
            await setWatch(itemKey, !watch.data?.watched);
            watch.reload();
          })
        }
      >
        {watch.data.watched ? 'Watching' : 'Watch'}
      </button>
      <ErrorMessage error={toggle.error} />
    </>
  );
}
