/** Errors the API answers with, as application/problem+json carrying a stable `code` (API-1). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (field: string, message: string, code = 'invalid_input') =>
  new AppError(400, code, message, field);
export const unauthorized = (message = 'sign in first') => new AppError(401, 'unauthenticated', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
/** Denied and missing look the same, so nothing leaks existence. */
export const notFound = (what: string) => new AppError(404, 'not_found', `no such ${what}`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, extra);
export const unprocessable = (code: string, message: string, field?: string) => new AppError(422, code, message, field);

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  field?: string,
  extra?: Record<string, unknown>,
): Problem {
  return {
    type: `https://timeward.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(field ? { field } : {}),
    ...extra,
  };
}
