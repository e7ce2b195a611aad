import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection';
import { rows } from '../db/connection';

/**
 * The next number of a (company, series) counter, inside the caller's transaction. The counter row stays locked
 * until commit and a rollback hands the number back, so numbers are gapless and never duplicated.
 */
export async function nextNumber(tx: Tx, companyId: string, series: string): Promise<number> {
  const [r] = await rows<{ last_value: number }>(
    tx,
    sql`insert into number_sequences (company_id, series, last_value) values (${companyId}, ${series}, 1)
        on conflict (company_id, series) do update set last_value = number_sequences.last_value + 1
        returning last_value`,
  );
  return Number(r!.last_value);
}

/** A document number such as DEV-2026-00042 (prefix, year, zero-padded counter per year). */
export async function nextDocumentNumber(
  tx: Tx,
  companyId: string,
  prefix: string,
  year: number,
  width = 5,
): Promise<string> {
  const n = await nextNumber(tx, companyId, `${prefix}-${year}`);
  return `${prefix}-${year}-${String(n).padStart(width, '0')}`;
}
