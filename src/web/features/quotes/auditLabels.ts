import i18n from '@web/i18n';

/**
 * The shared history (<AuditTrail>) looks its labels up in `fields.<entityType>.*` and `audit.entity.*`, keys of the
 * base translation files. This feature keeps its labels in its own files (`quotes.audit`, `pricing.audit`) and
 * lends them to those lookups once, without overriding any existing key.
 * TODO: move them to the base files (or let AuditTrail take a label prefix) and delete this.
 */
let done = false;

export function registerAuditLabels() {
  if (done) return;
  done = true;
  for (const lng of ['fr', 'en']) {
    for (const feature of ['quotes', 'pricing']) {
      const labels = i18n.getResource(lng, 'translation', `${feature}.audit`) as
        { fields?: Record<string, unknown>; entity?: Record<string, string> } | undefined;
      if (!labels) continue;
      i18n.addResourceBundle(
        lng,
        'translation',
        { fields: labels.fields ?? {}, audit: { entity: labels.entity ?? {} } },
        true,
        false,
      );
    }
  }
}
