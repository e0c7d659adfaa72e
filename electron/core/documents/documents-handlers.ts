import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { recordRelease, releaseHints } from './release';

type DocumentsMethod = 'document.release' | 'document.releaseHints';

export const documentsHandlers: { [M in DocumentsMethod]: Handler<M> } = {
  'document.release': (ctx, input) => write(ctx, (w) => recordRelease(w, input)),
  'document.releaseHints': (ctx) => read(ctx, (w) => releaseHints(w.db)),
};
