import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * STYLE.md section 4 as configuration: a hand-written file stays under about 400 lines, a function
 * under about 60. Blank lines and comments are not counted: the guide asks for JSDoc on every export
 * and for comments that say why, and neither should push code over a limit. The rules warn (the
 * limits are "about"), and `npm run lint` runs with --max-warnings 0, so a new violation fails CI.
 */
const SIZE = { skipBlankLines: true, skipComments: true };
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;

/**
 * Today's files over MAX_FILE_LINES, each held at its current size (counted as above) so that it
 * cannot grow: this list is the to-do list. Remove an entry once its file is split.
 */
const LONG_FILES = {
  "src/protocol/connection.ts": 439,
  "src/cli/commands/connect.ts": 406,
};

/**
 * Today's files with a function over MAX_FUNCTION_LINES (the function named), each held at the
 * longest one's current size. The to-do list, like LONG_FILES.
 */
const LONG_FUNCTIONS = {
  "codegen/emit/common.ts": 79, // emitCommon
  "codegen/emit/methods.ts": 65, // emitMethods
  "codegen/emit/registry.ts": 65, // emitSurface
  "codegen/emit/side.ts": 101, // emitSide
  "scripts/bench/corpus.mjs": 133, // corpus
  "src/cli/commands/inspect.ts": 66, // registerInspect
};

export default tseslint.config(
  { ignores: ["api/", "dist/", "generated/", "node_modules/", "schema/", ".probe-*/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "no-console": "error",
      "max-lines": ["warn", { ...SIZE, max: MAX_FILE_LINES }],
      "max-lines-per-function": ["warn", { ...SIZE, max: MAX_FUNCTION_LINES }],
    },
  },
  ...Object.entries(LONG_FILES).map(([file, max]) => ({
    files: [file],
    rules: { "max-lines": ["warn", { ...SIZE, max }] },
  })),
  ...Object.entries(LONG_FUNCTIONS).map(([file, max]) => ({
    files: [file],
    rules: { "max-lines-per-function": ["warn", { ...SIZE, max }] },
  })),
  {
    // A test file keeps the file limit (it mirrors one source file), but not the function limit: a
    // describe() callback holds its whole suite, and fixture servers are long tables of handlers.
    files: ["test/**"],
    rules: { "max-lines-per-function": "off" },
  },
  {
    files: ["test/**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
