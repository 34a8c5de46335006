import { useDocumentTitle } from '../useDocumentTitle.js';

/** Inbox (issue 14): being built. */
export function InboxPage() {
  useDocumentTitle('Inbox');
  return (
    <section>
      <h1>Inbox</h1>
    </section>
  );
}
