import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Libraries that do I/O or tie code to a framework: banned from domain libraries. */
const FRAMEWORK_AND_IO = [
  '@nestjs/*',
  'nats',
  'pg',
  '@electric-sql/*',
  'ws',
  'undici',
  'express',
  'rxjs',
  'reflect-metadata',
  'fs',
  'node:*',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.nx/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings through libs/platform/src/settings.ts (the deploy test checks them against the manifests).',
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: FRAMEWORK_AND_IO,
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:service'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the harnesses; settings.ts is the one reader of the environment.
    files: ['**/*.spec.ts', '**/*.contract.ts', 'libs/testing/**/*.ts', 'libs/platform/src/settings.ts', 'bench/**/*.ts', 'apps/cli/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', 'no-restricted-syntax': 'off' },
  },
];
