#!/usr/bin/env node
// npm run bench: side-by-side measurements (ratios), never part of npm test.
import { register } from 'tsx/esm/api';

register();
await import('../electron/core/bench/vault-bench.ts');
