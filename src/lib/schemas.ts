import { z } from 'zod';

/** Shared request/response pieces. Objects are strict: unknown fields are bad input (API-5). */
export const text = (max: number) => z.string().max(max);
export const name = z.string().trim().min(1).max(200);
/** A calendar day from year 1 on (PostgreSQL has no year 0). */
export const calendarDate = z.iso.date().refine((d) => !d.startsWith('0000'), 'year 0 does not exist');
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** Ids in JSON bodies are numbers; in paths and query strings they arrive as text and are coerced. */
export const id = z.number().int().positive().max(2_147_483_647);
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const version = z.number().int().positive().max(2_147_483_647);
export const itemKey = z.string().regex(/^[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8}$/, 'expected a work item key like ACME-12');
export const projectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'expected 2–10 capital letters or digits, starting with a letter');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const userRef = z.object({ id: z.number(), displayName: z.string() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    field: z.string().optional(),
  })
  .loose()
  .meta({ id: 'Problem', description: 'application/problem+json with a stable code (API-1)' });

/** Error responses every route may give; documented once, in OpenAPI. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};
