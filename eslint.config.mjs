import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "lib/", "dist/", "coverage/", "test-output/", "test/stubs/"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/core/**/*.ts"],
    rules: {
      // The core is host-free: no Office, Node, DOM or exceljs imports.
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "exceljs", "office-*", "@microsoft/*"] }],
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "SpreadsheetApp", "process", "require"],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
