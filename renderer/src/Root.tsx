import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Invoke } from '../../shared/contract';
import { i18n } from './i18n';
import { InvokeProvider, MAYBE_LOCKED_EVENT, StatusProvider } from './api';
import { isKasaneError } from './errors';
import { App } from './App';

function onError(error: unknown) {
  if (isKasaneError(error, 'vault_locked')) window.dispatchEvent(new Event(MAYBE_LOCKED_EVENT));
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // Failures are typed and final (a locked vault, invalid input): retrying only hides them.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/** The whole app around an `invoke`, whatever carries it. */
export function Root({ invoke, queryClient }: { invoke: Invoke; queryClient: QueryClient }) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <InvokeProvider invoke={invoke}>
            <StatusProvider>
              <App />
            </StatusProvider>
          </InvokeProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>
  );
}
