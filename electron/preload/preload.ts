// Runs sandboxed, before the page, in an isolated world. The page gets one function and
// nothing else: not ipcRenderer, not the IPC event, no Node. The channel name repeats
// RPC_CHANNEL of electron/main/policy.ts (this layer may not import it; a test checks they match).
import { contextBridge, ipcRenderer } from 'electron';
import type { RpcResult } from '../../shared/contract';

contextBridge.exposeInMainWorld('kasane', {
  invoke: (method: string, input: unknown): Promise<RpcResult<unknown>> => ipcRenderer.invoke('kasane:rpc', method, input),
});
