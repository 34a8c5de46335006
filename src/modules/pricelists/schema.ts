import { z } from 'zod';
import { calendarDate, idParam, name, version } from '../../lib/schemas.js';

/**
 * Money crosses the API as a decimal string, never a JSON number (PRICE-1): 12 digits before the point
 * (numeric(14,2)) and at most 2 after it. `1e3`, `85.505` and `85` as a number are refused.
 */
export const amount = z
  .string()
  .regex(
    /^\d{1,12}(\.\d{1,2})?$/,
    'expected a decimal amount as a string, like "85.50" (at most 12 digits before the point and 2 after it)',
  );
export const currency = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code in capitals, like EUR');

/** validTo is inclusive; null (or absent) means open-ended. */
function validToNotBeforeFrom(value: { validFrom?: string; validTo?: string | null }, ctx: z.RefinementCtx) {
  if (value.validFrom && value.validTo && value.validTo < value.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must not be before validFrom' });
  }
}

export const priceListCreate = z
  .strictObject({
    name,
    currency,
    hourlyRate: amount,
    validFrom: calendarDate,
    validTo: calendarDate.nullable().optional(),
  })
  .superRefine(validToNotBeforeFrom);

export const priceListUpdate = z
  .strictObject({
    version,
    name: name.optional(),
    currency: currency.optional(),
    hourlyRate: amount.optional(),
    validFrom: calendarDate.optional(),
    validTo: calendarDate.nullable().optional(),
  })
  .superRefine(validToNotBeforeFrom);

/** PRICE-8: a new rate is a new price list; `version` is the old list's, which this ends (API-4). */
export const successorCreate = z.strictObject({
  version,
  hourlyRate: amount,
  validFrom: calendarDate,
  name: name.optional(),
  currency: currency.optional(),
});

/** A team's id (`/api/teams/:id/price-lists`) or a price list's (`/api/price-lists/:id`). */
export const priceListParams = z.strictObject({ id: idParam });
export const deleteQuery = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * A price list as the API shows it. `hourlyRate` is money (src/lib/money.ts): present only for callers who see money
 * (PRICE-7); for everyone else the key is absent, not null, and the schema (an allowlist) carries nothing else of money.
 */
export const priceListOut = z.object({
  id: z.number(),
  teamId: z.number(),
  name: z.string(),
  currency: z.string(),
  hourlyRate: z.string().optional(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Some work log records this price list (PRICE-6): it cannot be deleted, nor its rate or currency changed. */
  used: z.boolean(),
  version: z.number(),
  /** canChangeRate: rate and currency may change (PRICE-6: not once used); canStartSuccessor: a new rate may start within its validity (PRICE-8). */
  abilities: z.object({
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    canChangeRate: z.boolean(),
    canStartSuccessor: z.boolean(),
  }),
});
export const priceListList = z.object({ items: z.array(priceListOut) });
export const successorOut = z.object({ previous: priceListOut, successor: priceListOut });

export type PriceListCreate = z.infer<typeof priceListCreate>;
export type PriceListUpdate = z.infer<typeof priceListUpdate>;
export type SuccessorCreate = z.infer<typeof successorCreate>;
export type DeleteQuery = z.infer<typeof deleteQuery>;
export type PriceListOut = z.infer<typeof priceListOut>;
export type PriceListList = z.infer<typeof priceListList>;
export type SuccessorOut = z.infer<typeof successorOut>;
