import type { Handler } from '../rpc/handlers';

// Handlers of the directory feature: one entry per method of shared/contract/directory.ts.
export const directoryHandlers: { [M in never]: Handler<M> } = {};
