import { href, type Route } from '../router.js';
import type { User } from '../types.js';

interface Props {
  user: User;
  route: Route;
  onSignOut: () => void;
}

export function Header({ user, route, onSignOut }: Props) {
  const inProjects = route.name === 'projects' || route.name === 'project' || route.name === 'item';
  return (
    <header className="app-header">
      <a className="brand" href={href.projects()}>
        Timeward
      </a>
      <nav aria-label="Main">
        <a href={href.projects()} aria-current={inProjects ? 'page' : undefined}>
          Projects
        </a>
        <a href={href.myWorklogs()} aria-current={route.name === 'myWorklogs' ? 'page' : undefined}>
          My work logs
        </a>
      </nav>
      <span className="user-name" title={user.login}>
        {user.displayName}
      </span>
      <button type="button" className="button ghost" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
