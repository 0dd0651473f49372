// Layering is enforced here and in each folder's tsconfig: the engine is pure (no Node, no
// VS Code, no wall clock); the server never imports the client; the client never imports
// the server; the Kubernetes API access in kube/ (kubeconfig, transport) serves the client and
// the CLI and imports neither; the CLI imports no other adapter but the runner.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const wallClock = [
  { object: 'Date', property: 'now', message: 'The engine takes time as an input.' },
  { object: 'Math', property: 'random', message: 'Use the seeded PRNG passed in.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'src-engine/generated/**', 'test/fixtures/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'vscode', 'vscode-*', 'fs', 'path', 'child_process', 'os'] }],
      'no-restricted-properties': ['error', ...wallClock],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'window', 'document'],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine takes time as an input.' },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['vscode', 'vscode-languageclient*', '**/client/**'] }] },
  },
  {
    files: ['kube/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['vscode', 'vscode-*', '**/client/**', '**/cli/**', '**/server/**', '**/runner/**'] },
      ],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['vscode', 'vscode-*', '**/client/**', '**/server/**'] }] },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'vscode-languageserver',
            'vscode-languageserver/*',
            '**/server/**',
            '**/cli/**',
            '**/runner/*',
            '!**/runner/index',
          ],
        },
      ],
    },
  },
);
