import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from app:// (Electron) or from the browser host, both under a strict
// CSP (script-src 'self'; style-src 'self'): the build must contain no inline script or style,
// nothing remote, and relative asset paths.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill is an inline <script>, which the CSP refuses; Chromium needs no polyfill.
    modulePreload: { polyfill: false },
    // Fonts are large and must stay files (never data: URLs inlined into CSS).
    assetsInlineLimit: 0,
    target: 'chrome130',
    sourcemap: false,
  },
  server: { fs: { allow: ['..'] } },
});
