#!/usr/bin/env node
// The kasane command: runs the core's TypeScript under plain Node through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
