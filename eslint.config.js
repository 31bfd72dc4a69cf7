import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "data/", "demo-output/", "scratch/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/generated/prisma/**"], message: "Only src/store touches Prisma." },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts (TypeScript files get Node's globals from their types).
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: ["src/store/**", "test/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
