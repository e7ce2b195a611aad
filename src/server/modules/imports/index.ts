export { createImportService, COMMIT_TOPIC, type ImportService } from './imports.service';
export { importRoutes } from './imports.routes';
/** Generic reading of an uploaded .csv/.xlsx file and of its cells, for the other modules' own imports. */
export { parseFile, type ParsedFile, type RawCell, type RawRow } from './imports.parse';
export { normalizeDate, normalizeDecimal } from './imports.values';
export { normalizeHeader } from './imports.columns';
