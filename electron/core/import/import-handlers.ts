import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { commitImport, decodeBase64, previewImport } from './directory-import';

export const importHandlers: { 'directory.importPreview': Handler<'directory.importPreview'>; 'directory.importCommit': Handler<'directory.importCommit'> } = {
  'directory.importPreview': (ctx, input) => read(ctx, (w) => previewImport(w.db, input.kind, decodeBase64(input.dataBase64))),
  'directory.importCommit': (ctx, input) =>
    write(ctx, (w) => {
      const result = commitImport(w.db, input.kind, decodeBase64(input.dataBase64), input.skipInvalid, w.now, w.today, w.administrator);
      // One entry for the whole import: what and how many, not the rows (they are in the tables).
      w.audit({ action: 'directory.imported', details: { kind: input.kind, ...result } });
      return result;
    }),
};
