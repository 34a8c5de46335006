import { href } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

/** Shown alike for what does not exist and what the user may not see, so nothing leaks existence. */
export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <section className="not-found">
      <h1>Not found</h1>
      <p>This page does not exist, or you do not have access to it.</p>
      <p>
        <a href={href.projects()}>Back to projects</a>
      </p>
    </section>
  );
}
