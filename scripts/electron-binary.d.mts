export function findElectronBinary(env?: NodeJS.ProcessEnv): { path: string } | { why: string };
