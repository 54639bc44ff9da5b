// eslint flat config for the page's JavaScript (mapbuilder/static) and its node tests (tests/js).
// Run: make lint (or npx eslint mapbuilder/static tests/js after npm ci).
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {ignores: ["node_modules/**", "output/**", ".venv/**"]},
  js.configs.recommended,
  {
    // the page's modules: plain scripts in the browser (IIFEs on window.transitiekaart), and
    // the lib modules also run in node (module.exports), see lib/classes.js
    files: ["mapbuilder/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, L: "readonly", module: "writable"},
    },
    rules: {
      "no-unused-vars": ["error", {args: "none", caughtErrors: "none"}],
      "strict": ["error", "function"],
      "no-var": "off",
      "eqeqeq": ["error", "always"],
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "commonjs", globals: {...globals.node}},
  },
];
