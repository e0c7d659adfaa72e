import { z } from 'zod';
import { method } from './define';

/** CSV import of the directory, as exported from Excel (UTF-8 or Shift_JIS). */
export const ImportKind = z.enum(['organizations', 'members']);
export type ImportKind = z.infer<typeof ImportKind>;

/** What is wrong with one cell; the UI words it (`directoryImport.problems.<code>`). */
export const ImportProblemCode = z.enum(['required', 'unknown_kind', 'unknown_organization', 'bad_date', 'duplicate', 'too_long']);

export const ImportRow = z.object({
  /** Line in the file (the header is line 1). */
  line: z.number().int(),
  values: z.record(z.string(), z.string()),
  problems: z.array(z.object({ column: z.string(), code: ImportProblemCode })),
});

export const ImportPreview = z.object({
  kind: ImportKind,
  encoding: z.enum(['UTF-8', 'Shift_JIS']),
  columns: z.array(z.string()),
  rows: z.array(ImportRow),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const ImportFile = z
  .object({
    kind: ImportKind,
    /** The file's bytes, base64 (at most 2 MB: a directory, not a data dump). */
    dataBase64: z.string().max(2_800_000),
  })
  .strict();

export const directoryImportMethods = {
  /** Reads the file and checks every row; writes nothing. */
  'directory.importPreview': method({ input: ImportFile, output: ImportPreview, access: 'unlocked' }),
  /** Writes the valid rows in one transaction, after the user confirmed the preview. */
  'directory.importCommit': method({
    input: ImportFile.extend({ skipInvalid: z.boolean() }).strict(),
    output: z.object({ imported: z.number().int(), skipped: z.number().int() }),
    access: 'unlocked',
  }),
};
