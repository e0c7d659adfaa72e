import { describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers.mjs';

const check = (path, text) => checkLayers([{ path, text }]);

describe('layer check', () => {
  it('lets each layer import what ARCHITECTURE.md allows', () => {
    expect(check('shared/contract/x.ts', "import { z } from 'zod';\nimport { a } from '../domain/b';")).toEqual([]);
    expect(check('electron/core/x/y.ts', "import { a } from '../../../shared/contract';\nimport fs from 'node:fs';")).toEqual([]);
    expect(check('electron/main/main.ts', "import { app } from 'electron';\nimport { createCore } from '../core/app';")).toEqual([]);
    expect(check('electron/preload/p.ts', "import { contextBridge } from 'electron';\nimport type { Invoke } from '../../shared/contract';")).toEqual([]);
    expect(check('renderer/src/a.tsx', "import React from 'react';\nimport { contract } from '../../shared/contract';")).toEqual([]);
  });

  it('finds every forbidden edge', () => {
    expect(check('shared/domain/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(check('shared/domain/x.ts', "import { x } from '../../renderer/src/y';")).toHaveLength(1);
    expect(check('shared/domain/x.ts', "import React from 'react';")).toHaveLength(1);
    expect(check('renderer/src/x.ts', "import { createCore } from '../../electron/core/app';")).toHaveLength(1);
    expect(check('renderer/src/x.ts', "import { ipcRenderer } from 'electron';")).toHaveLength(1);
    expect(check('renderer/src/x.ts', "const fs = await import('fs');")).toHaveLength(1);
    expect(check('electron/core/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(check('electron/core/host/x.ts', "import { policy } from '../../main/policy';")).toHaveLength(1);
    expect(check('electron/preload/p.ts', "import { contract } from '../../shared/contract';")).toHaveLength(1); // types only
    expect(check('electron/preload/p.ts', "import { createCore } from '../core/app';")).toHaveLength(1);
  });
});

describe('layer check: what is not an import', () => {
  it('ignores the word import in comments and strings, and still sees multi-line imports', () => {
    expect(check('shared/contract/e.ts', "export const CODES = [\n  // CSV import\n  'import_wrong_columns',\n];")).toEqual([]);
    expect(check('shared/contract/e.ts', "import {\n  a,\n  b,\n} from 'node:fs';")).toHaveLength(1);
  });
});

describe('layer check: tests', () => {
  it('lets a test in shared/ use vitest but not Node', () => {
    expect(check('shared/domain/a.test.ts', "import { it } from 'vitest';")).toEqual([]);
    expect(check('shared/domain/a.ts', "import { it } from 'vitest';")).toHaveLength(1);
    expect(check('shared/domain/a.test.ts', "import fs from 'node:fs';")).toHaveLength(1);
  });
});
