/** Settings agents and bots share (configuration-api.md §1, §3): group priorities and working hours. */
import { z } from 'zod';

/** Routing priority of an agent or bot within a group. */
export const groupPrioritySchema = z.enum(['first', 'normal', 'last', 'supervisor']);

/** `first` (highest), `normal`, `last`, `supervisor` (never auto-assigned). */
export type GroupPriority = z.output<typeof groupPrioritySchema>;

const hour = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** Working hours by weekday, each `{start: "HH:MM", end: "HH:MM"}`. */
export const workScheduler = z.partialRecord(
  z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
  z.object({ start: hour, end: hour }),
);
