// The backup worker (backup-worker.ts) started from the sources: the core's TypeScript runs under
// tsx, as for the kasane command (bin/kasane.mjs), the browser host, the tests and the bench.
// The Electron app starts its own bundle instead, dist/electron/backup-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./backup-worker.ts');
