import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import './styles/fonts.css';
import './styles/base.css';
import './styles/app.css';
import { createInvoke } from './transport';
import { createQueryClient, Root } from './Root';

// The CSP forbids eval: keep zod from probing `new Function` (it would log a CSP violation).
z.config({ jitless: true });

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(<Root invoke={createInvoke()} queryClient={createQueryClient()} />);
}
