import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import { domainMessages } from './messages-domain';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('domainMessages', () => {
  const entries = Object.entries(domainMessages);

  it.each(entries)('%s: French and English, same placeholders', (_code, m) => {
    expect(m.fr.trim().length).toBeGreaterThan(10);
    expect(m.en.trim().length).toBeGreaterThan(10);
    expect(m.fr).not.toBe(m.en);
    expect(placeholders(m.fr)).toEqual(placeholders(m.en));
  });

  it('is served by the main catalog, not overridden by another entry', () => {
    for (const [code, m] of entries) expect(messages[code], code).toEqual(m);
  });

  it.each([
    'delivery_note',
    'packing_list',
    'certificate_of_conformity',
    'invoice_copy',
    'safety_data_sheet',
    'customs_documents',
  ])('labels the document kind %s', (kind) => {
    expect(domainMessages[`document_${kind}`]).toBeDefined();
  });
});
