/** Messages of the import/export feature (merged into the catalog by messages.ts). */
export const importMessages: Record<string, { fr: string; en: string }> = {
  missing_column: {
    fr: 'Colonne obligatoire absente : « {column} ».',
    en: 'Required column missing: "{column}".',
  },
  duplicate_column: {
    fr: 'Colonne présente deux fois (« {column} ») : seule la première est lue.',
    en: 'Column present twice ("{column}"): only the first one is read.',
  },
  unknown_column: { fr: 'Colonne inconnue, ignorée.', en: 'Unknown column, ignored.' },
  export_only_column: {
    fr: 'Colonne informative de l’export, ignorée à l’import.',
    en: 'Informative export column, ignored on import.',
  },
  duplicate_in_file: {
    fr: 'En double dans le fichier (déjà présent ligne {row}).',
    en: 'Duplicate in the file (already on row {row}).',
  },
  invalid_integer: { fr: 'Nombre entier attendu.', en: 'A whole number is expected.' },
  invalid_boolean: { fr: 'Oui ou non attendu.', en: 'Yes or no expected.' },
  date_range_inverted: {
    fr: 'La date de fin précède la date de début.',
    en: 'The end date is before the start date.',
  },
  empty_file: { fr: 'Le fichier ne contient aucune ligne de données.', en: 'The file has no data rows.' },
  unsupported_file: {
    fr: 'Format non pris en charge : envoyez un fichier .csv ou .xlsx (Excel 2007 et suivants).',
    en: 'Unsupported format: send a .csv or .xlsx file (Excel 2007 or later).',
  },
  unreadable_file: {
    fr: 'Fichier illisible : il n’est pas un classeur Excel valide.',
    en: 'Unreadable file: it is not a valid Excel workbook.',
  },
  too_many_rows: {
    fr: 'Trop de lignes ({max} au plus par import) : découpez le fichier.',
    en: 'Too many rows (at most {max} per import): split the file.',
  },
  file_required: { fr: 'Joignez un fichier .csv ou .xlsx.', en: 'Attach a .csv or .xlsx file.' },
  multipart_required: {
    fr: 'Envoyez le fichier en multipart/form-data.',
    en: 'Send the file as multipart/form-data.',
  },
  import_has_errors: {
    fr: 'Le fichier contient des erreurs : corrigez-les ou n’importez que les lignes valides.',
    en: 'The file has errors: fix them or import the valid rows only.',
  },
  import_no_valid_rows: { fr: 'Aucune ligne valide à importer.', en: 'No valid row to import.' },
  import_not_committable: {
    fr: 'Cet import a déjà été lancé ({status}).',
    en: 'This import was already started ({status}).',
  },
  import_failed: { fr: 'L’import a échoué : {reason}', en: 'The import failed: {reason}' },
};
