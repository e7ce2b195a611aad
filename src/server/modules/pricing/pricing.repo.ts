import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import type { ContractPrice, CustomerPrice, Discount, PriceListLine } from './domain/pricing';
import {
  contractLines,
  contracts,
  customerDiscounts,
  customerPrices,
  priceListItems,
  priceLists,
} from './pricing.schema';

export type PricingFacts = {
  priceListLines: PriceListLine[];
  customerPrices: CustomerPrice[];
  contractPrices: ContractPrice[];
  discounts: Discount[];
};

/**
 * Everything the pricing function may need for these products and this customer, in four queries whatever the
 * number of products (validity is decided by the pure function, which explains what it ignored and why).
 */
export async function loadPricingFacts(
  q: Queryable,
  companyId: string,
  customer: { id: string; priceListId: string | null } | null,
  productIds: string[],
): Promise<PricingFacts> {
  if (productIds.length === 0) return { priceListLines: [], customerPrices: [], contractPrices: [], discounts: [] };
  const ownList = customer?.priceListId ?? null;
  const listRows = await q
    .select({ item: priceListItems, list: priceLists })
    .from(priceListItems)
    .innerJoin(
      priceLists,
      and(eq(priceLists.companyId, priceListItems.companyId), eq(priceLists.id, priceListItems.priceListId)),
    )
    .where(
      and(
        eq(priceListItems.companyId, companyId),
        inArray(priceListItems.productId, productIds),
        eq(priceLists.active, true),
        // the customer's own list, or a general list (one that no customer has as its own)
        ownList
          ? sql`(${priceLists.id} = ${ownList} or not exists (select 1 from customers c where c.company_id = ${priceLists.companyId} and c.price_list_id = ${priceLists.id}))`
          : sql`not exists (select 1 from customers c where c.company_id = ${priceLists.companyId} and c.price_list_id = ${priceLists.id})`,
      ),
    );
  const priceListLines: PriceListLine[] = listRows.map(({ item, list }) => ({
    priceListId: list.id,
    priceListName: list.name,
    kind: list.kind as PriceListLine['kind'],
    assigned: list.id === ownList,
    priority: list.priority,
    validFrom: list.validFrom,
    validTo: list.validTo,
    currency: list.currency,
    productId: item.productId,
    minQuantity: item.minQuantity,
    unitPrice: item.unitPrice,
  }));
  if (!customer) return { priceListLines, customerPrices: [], contractPrices: [], discounts: [] };

  const [cp, contractRows, disc] = await Promise.all([
    q
      .select()
      .from(customerPrices)
      .where(
        and(
          eq(customerPrices.companyId, companyId),
          eq(customerPrices.customerId, customer.id),
          inArray(customerPrices.productId, productIds),
        ),
      ),
    q
      .select({ line: contractLines, contract: contracts })
      .from(contractLines)
      .innerJoin(
        contracts,
        and(eq(contracts.companyId, contractLines.companyId), eq(contracts.id, contractLines.contractId)),
      )
      .where(
        and(
          eq(contractLines.companyId, companyId),
          eq(contracts.customerId, customer.id),
          inArray(contractLines.productId, productIds),
          sql`${contracts.status} <> 'terminated'`,
        ),
      ),
    q
      .select()
      .from(customerDiscounts)
      .where(and(eq(customerDiscounts.companyId, companyId), eq(customerDiscounts.customerId, customer.id))),
  ]);
  return {
    priceListLines,
    customerPrices: cp.map((p) => ({
      id: p.id,
      productId: p.productId,
      minQuantity: p.minQuantity,
      unitPrice: p.unitPrice,
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    contractPrices: contractRows.map(({ line, contract }) => ({
      contractId: contract.id,
      contractNumber: contract.number,
      productId: line.productId,
      unitPrice: line.unitPrice,
      minQuantity: line.minQuantity,
      validFrom: contract.validFrom,
      validTo: contract.validTo,
    })),
    discounts: disc.map((d) => ({
      id: d.id,
      scope: d.scope as Discount['scope'],
      productId: d.productId,
      category: d.category,
      percent: d.percent,
      validFrom: d.validFrom,
      validTo: d.validTo,
      minOrderAmount: d.minOrderAmount,
    })),
  };
}
