import { z } from 'zod';
import { itemKey, text } from '../../lib/schemas.js';
import { worklogOut } from '../worklogs/schema.js';

/** Requests and responses of the timer routes: one running timer per user, which writes a work log when stopped. */

export const timerOut = z.object({
  timer: z
    .object({
      item: z.object({ key: z.string(), title: z.string() }),
      startedAt: z.date(),
      description: z.string(),
    })
    .nullable(),
});

export const timerStart = z.strictObject({ itemKey, description: text(5_000).optional() });

/** The work log the stopped timer wrote. */
export const timerStopped = z.object({ worklog: worklogOut });

export type TimerOut = z.infer<typeof timerOut>;
export type TimerStart = z.infer<typeof timerStart>;
export type TimerStopped = z.infer<typeof timerStopped>;
