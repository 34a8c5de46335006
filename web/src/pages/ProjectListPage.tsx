import { api } from '../api.js';
import { PagedList } from '../components/PagedList.js';
import { href } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { Table } from '../components/Table.js';

export function ProjectListPage() {
  const list = useCursorList((cursor) => api.listProjects(cursor), []);
  useDocumentTitle('Projects');

  return (
    <section>
      <h1>Projects</h1>
      <PagedList list={list} empty="You have no projects yet.">
        {(projects) => (
          <Table caption="Projects" columns={['Key', 'Name', 'Client']}>
            {projects.map((project) => (
              <tr key={project.key}>
                <td className="key">{project.key}</td>
                <td>
                  <a href={href.project(project.key)}>{project.name}</a>
                </td>
                <td>{project.client?.name ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </section>
  );
}
