import { errorText } from '../api.js';

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : errorText(error)}
    </p>
  );
}
