import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LoadMoreButton } from '../components/LoadMoreButton.js';
import { href } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

export function ProjectListPage() {
  const list = useCursorList((cursor) => api.listProjects(cursor), []);
  useDocumentTitle('Projects');

  return (
    <section>
      <h1>Projects</h1>
      <ErrorMessage error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 && !list.error ? (
        <p className="muted">You have no projects yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Projects</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Client</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((project) => (
              <tr key={project.key}>
                <td className="key">{project.key}</td>
                <td>
                  <a href={href.project(project.key)}>{project.name}</a>
                </td>
                <td>{project.client?.name ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </section>
  );
}
