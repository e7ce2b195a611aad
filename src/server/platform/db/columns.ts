import { date, numeric, timestamp } from 'drizzle-orm/pg-core';

/** Column kinds every module uses: instants, dates as 'YYYY-MM-DD' strings, money and quantities as NUMERIC. */
export const ts = (name: string) => timestamp(name, { withTimezone: true });
export const day = (name: string) => date(name, { mode: 'string' });
export const money4 = (name: string) => numeric(name, { precision: 18, scale: 4 });
export const qty = (name: string) => numeric(name, { precision: 18, scale: 3 });
