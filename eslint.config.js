// Lint: typescript-eslint with type information, the rules of hooks, and import restrictions that
// keep the layers apart. shared/ runs in both processes, so it may not reach Node, the driver or
// either side; the renderer reaches the record only through the API contract; only db/ and
// electron/ open the SQLCipher driver.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DRIVER = 'better-sqlite3-multiple-ciphers';
const ENGINE = ['shared/domain/**', 'shared/gaps/**', 'shared/repartition/**', 'shared/timetable/**'];

/** A relative import that climbs into one of the project's top folders. */
const intoFolders = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

/**
 * The `no-restricted-imports` options of one folder. ESLint keeps only the last setting of a
 * rule, so each folder gets all of its restrictions in one object.
 */
function restrictImports({ folders = [], browser = false, driver = false, api = false }) {
  const paths = [];
  const patterns = [];
  if (folders.length > 0) {
    patterns.push({ regex: intoFolders(folders), message: `This layer may not import from ${folders.join('/, ')}/.` });
  }
  if (browser) {
    const message = 'shared/ and renderer/ run in the browser too: no Node built-ins.';
    patterns.push({ group: ['node:*'], message });
    paths.push(...builtinModules.map((name) => ({ name, message })));
    paths.push({ name: 'electron', message: 'Electron is reached through the preload bridge only.' });
  }
  if (driver) paths.push({ name: DRIVER, message: 'Only db/ and electron/ open the SQLCipher driver.' });
  if (api) {
    // The engines and the domain read the record's types from shared/domain; the API layer is
    // built on them, not the reverse. Its errors are the one shared vocabulary of refusals.
    patterns.push({ regex: '^(\\.\\./)+api/(?!errors\\.ts$)', message: 'The engine and the domain do not depend on the API layer.' });
  }
  return ['error', { paths, patterns }];
}

export default defineConfig([
  globalIgnores(['dist/', 'dist-electron/', 'release/', 'node_modules/', 'test/e2e/screenshots/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One TypeScript program from tsconfig.json, which covers every .ts and .tsx file;
      // tsconfig.web.json re-checks renderer/ and shared/ without Node's types at `typecheck`.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans read well in a message; objects and nullish values do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `const { id: _id, ...rest } = row` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Build scripts and this file are plain JavaScript, outside any tsconfig.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    files: ['renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // A missing dependency is a stale value on screen: an error, not a warning nobody reads.
      'react-hooks/exhaustive-deps': 'error',
      // The app does not run the React Compiler: "compilation skipped" for a hook of
      // @tanstack/react-virtual says nothing about this code.
      'react-hooks/incompatible-library': 'off',
      // Callback props are declared as methods (`onClose(): void`) and destructured from props;
      // they are plain closures that never read `this`, so every destructuring would be flagged.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  {
    files: ENGINE,
    rules: { 'no-restricted-imports': restrictImports({ folders: ['electron', 'db', 'renderer'], browser: true, driver: true, api: true }) },
  },
  {
    files: ['shared/**'],
    ignores: ENGINE,
    rules: { 'no-restricted-imports': restrictImports({ folders: ['electron', 'db', 'renderer'], browser: true, driver: true }) },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': restrictImports({ folders: ['electron', 'db'], browser: true, driver: true }) },
  },
  {
    files: ['db/**'],
    rules: { 'no-restricted-imports': restrictImports({ folders: ['electron', 'renderer'] }) },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': restrictImports({ folders: ['renderer'] }) },
  },
  {
    files: ['test/**'],
    rules: {
      // Vitest types its asymmetric matchers (`expect.stringContaining(…)` and the like) `any`,
      // and they are meant to stand in an expected object.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Tests reach the record through db/ and the services, like the application does.
    files: ['test/**', 'build/**', '*.{ts,js}'],
    rules: { 'no-restricted-imports': restrictImports({ driver: true }) },
  },
]);
