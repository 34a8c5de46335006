const labels: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done' };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{labels[status] ?? status}</span>;
}
